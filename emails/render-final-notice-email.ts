// The final notice: the last email before the policy's final step (suspension, restriction, debt
// collection or cancellation). It says that this is the last notice, what happens on which day,
// what that means afterwards, and how to stop it: pay, or promise a date to pay by.
import { oneLine } from './email-parts.js';
import { stepSentence, stepSubject, stillUnpaidWords, type CollectionStep } from './collections-parts.js';
import { checkStepNotice, renderStepNotice, type StepNoticeData } from './step-notice.js';
import type { RenderedEmail } from './rendered-email.js';

export interface FinalNoticeEmailData extends StepNoticeData {
  /** The policy's final step, and the day it is taken if the overdue amount stays unpaid. */
  finalStep: CollectionStep;
}

const caller = 'renderFinalNoticeEmail';

export async function renderFinalNoticeEmail(data: FinalNoticeEmailData): Promise<RenderedEmail> {
  const overdue = checkStepNotice(data, data.finalStep, 'finalStep', caller);
  const { finalStep } = data;
  return renderStepNotice('final-notice', data, finalStep, overdue, {
    subject: oneLine(`Final notice: ${stepSubject(finalStep, data.accountReference)}`),
    extra: { heading: headingOf(finalStep) },
    intro: `This is our final notice. ${stillUnpaidWords(data.overdueInvoices, overdue)}: ${overdue.totalText} is overdue on your account.`,
    consequence: `${stepSentence(finalStep, overdue.totalText)} ${afterwards(finalStep)}`,
    payNow: `To stop this, please pay ${overdue.totalText} now in the customer portal.`,
  });
}

function headingOf(step: CollectionStep): string {
  switch (step.action) {
    case 'suspend':
      return 'Final notice before suspension of your service';
    case 'restrict':
      return 'Final notice before restriction of your service';
    case 'mark_for_collection':
      return 'Final notice before debt collection';
    case 'cancel':
      return 'Final notice before cancellation of your account';
  }
}

/** What the step means once taken, so the customer knows what undoing it would take. */
function afterwards(step: CollectionStep): string {
  switch (step.action) {
    case 'suspend':
      return 'Your service would then stay suspended until the overdue amount is paid.';
    case 'restrict':
      return 'Your service would then stay restricted until the overdue amount is paid.';
    case 'mark_for_collection':
      return 'The agency would then contact you to collect it.';
    case 'cancel':
      // billing/collections: a cancelled account does not come back by paying.
      return 'Paying after that day does not reopen the account, and the overdue amount stays owed.';
  }
}
