// The final notice: the last email before the policy's final step (suspension, restriction, debt
// collection or cancellation). It says that this is the last notice, what happens on which day,
// what that means afterwards, and how to stop it: pay, or promise a date to pay by.
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import {
  alreadyPaidSentence, overdueSummary, penaltyTermsHtml, penaltyTermsText, promiseLineText, promiseRowHtml, requireBase,
  requireCollectionStep, requirePenaltyTerms, requirePromiseHint, stepFact, stepSentence, stepSubject, stillUnpaidWords,
  type CollectionStep, type CollectionsEmailBase, type OverdueInvoice, type PenaltyTerm, type PromiseToPayHint,
} from './collections-parts.js';
import type { RenderedEmail } from './rendered-email.js';

export interface FinalNoticeEmailData extends CollectionsEmailBase {
  /** The invoices past their due date with what is still open on each; at least one, one currency. */
  overdueInvoices: OverdueInvoice[];
  /** The policy's final step, and the day it is taken if the overdue amount stays unpaid. */
  finalStep: CollectionStep;
  /** The late-payment charges the customer's terms allow; empty when they allow none. */
  penalties: PenaltyTerm[];
  /** The promise-to-pay offer; null when none can be made (say, one was made already). */
  promiseToPay: PromiseToPayHint | null;
}

const caller = 'renderFinalNoticeEmail';

export async function renderFinalNoticeEmail(data: FinalNoticeEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  const overdue = overdueSummary(data.overdueInvoices, caller);
  requireCollectionStep(data.finalStep, 'finalStep', caller);
  requirePenaltyTerms(data.penalties, overdue.total.currency, caller);
  requirePromiseHint(data.promiseToPay, caller);
  const { finalStep, promiseToPay, penalties } = data;
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Overdue', value: overdue.totalText },
    stepFact(finalStep),
  ];
  const links = [{ label: 'Pay now', url: data.payNowUrl }];
  return renderTemplatePair('final-notice', oneLine(`Final notice: ${stepSubject(finalStep, data.accountReference)}`), {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      heading: headingOf(finalStep),
      intro: `This is our final notice. ${stillUnpaidWords(data.overdueInvoices, overdue)}: ${overdue.totalText} is overdue on your account.`,
      consequence: `${stepSentence(finalStep, overdue.totalText)} ${afterwards(finalStep)}`,
      payNow: `To stop this, please pay ${overdue.totalText} now in the customer portal.`,
      alreadyPaid: alreadyPaidSentence,
    },
    html: {
      factRows: factRowsHtml(facts),
      invoiceRows: itemRowsHtml(overdue.rows, overdue.totalRow),
      penaltyRows: penaltyTermsHtml(penalties),
      buttons: buttonRowsHtml(links),
      promiseRow: promiseRowHtml(promiseToPay, finalStep),
    },
    text: {
      factLines: factLinesText(facts),
      invoiceLines: itemLinesText(overdue.rows, overdue.totalRow),
      penaltyLines: penaltyTermsText(penalties),
      linkLines: linkLinesText(links),
      promiseLine: promiseLineText(promiseToPay, finalStep),
    },
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
