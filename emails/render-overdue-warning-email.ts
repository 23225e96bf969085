// The warning of collections: what is overdue, what happens on which day if it stays unpaid
// (suspension, restriction, collection), the late charges the terms allow, and how to pay or ask
// for time (a promise to pay holds the step until the promised date).
import { oneLine } from './email-parts.js';
import { stepSentence, stepSubject, stillUnpaidWords, type CollectionStep } from './collections-parts.js';
import { checkStepNotice, renderStepNotice, type StepNoticeData } from './step-notice.js';
import type { RenderedEmail } from './rendered-email.js';

export interface OverdueWarningEmailData extends StepNoticeData {
  /** What happens if the overdue amount stays unpaid, and on which day. */
  nextStep: CollectionStep;
}

const caller = 'renderOverdueWarningEmail';

export async function renderOverdueWarningEmail(data: OverdueWarningEmailData): Promise<RenderedEmail> {
  const overdue = checkStepNotice(data, data.nextStep, 'nextStep', caller);
  const { nextStep } = data;
  return renderStepNotice('overdue-warning', data, nextStep, overdue, {
    subject: oneLine(`Warning: ${stepSubject(nextStep, data.accountReference)} unless ${overdue.totalText} is paid`),
    intro: `${stillUnpaidWords(data.overdueInvoices, overdue)}: ${overdue.totalText} is overdue on your account.`,
    consequence: stepSentence(nextStep, overdue.totalText),
    payNow: `To avoid this, please pay ${overdue.totalText} now in the customer portal.`,
  });
}
