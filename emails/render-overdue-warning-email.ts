// The warning of collections: what is overdue, what happens on which day if it stays unpaid
// (suspension, restriction, collection), the late charges the terms allow, and how to pay or ask
// for time (a promise to pay holds the step until the promised date).
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, oneLine, renderTemplatePair } from './email-parts.js';
import {
  alreadyPaidSentence, overdueSummary, penaltyTermsHtml, penaltyTermsText, promiseLineText, promiseRowHtml, requireBase,
  requireCollectionStep, requirePenaltyTerms, requirePromiseHint, stepFact, stepSentence, stepSubject, stillUnpaidWords,
  type CollectionStep, type CollectionsEmailBase, type OverdueInvoice, type PenaltyTerm, type PromiseToPayHint,
} from './collections-parts.js';
import type { RenderedEmail } from './rendered-email.js';

export interface OverdueWarningEmailData extends CollectionsEmailBase {
  /** The invoices past their due date with what is still open on each; at least one, one currency. */
  overdueInvoices: OverdueInvoice[];
  /** What happens if the overdue amount stays unpaid, and on which day. */
  nextStep: CollectionStep;
  /** The late-payment charges the customer's terms allow; empty when they allow none. */
  penalties: PenaltyTerm[];
  /** The promise-to-pay offer; null when none can be made (say, one was made already). */
  promiseToPay: PromiseToPayHint | null;
}

const caller = 'renderOverdueWarningEmail';

export async function renderOverdueWarningEmail(data: OverdueWarningEmailData): Promise<RenderedEmail> {
  requireBase(data, caller);
  const overdue = overdueSummary(data.overdueInvoices, caller);
  requireCollectionStep(data.nextStep, 'nextStep', caller);
  requirePenaltyTerms(data.penalties, overdue.total.currency, caller);
  requirePromiseHint(data.promiseToPay, caller);
  const { nextStep, promiseToPay, penalties } = data;
  const facts = [
    { label: 'Account', value: data.accountReference },
    { label: 'Overdue', value: overdue.totalText },
    stepFact(nextStep),
  ];
  const links = [{ label: 'Pay now', url: data.payNowUrl }];
  const subject = oneLine(`Warning: ${stepSubject(nextStep, data.accountReference)} unless ${overdue.totalText} is paid`);
  return renderTemplatePair('overdue-warning', subject, {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      intro: `${stillUnpaidWords(data.overdueInvoices, overdue)}: ${overdue.totalText} is overdue on your account.`,
      consequence: stepSentence(nextStep, overdue.totalText),
      payNow: `To avoid this, please pay ${overdue.totalText} now in the customer portal.`,
      alreadyPaid: alreadyPaidSentence,
    },
    html: {
      factRows: factRowsHtml(facts),
      invoiceRows: itemRowsHtml(overdue.rows, overdue.totalRow),
      penaltyRows: penaltyTermsHtml(penalties),
      buttons: buttonRowsHtml(links),
      promiseRow: promiseRowHtml(promiseToPay, nextStep),
    },
    text: {
      factLines: factLinesText(facts),
      invoiceLines: itemLinesText(overdue.rows, overdue.totalRow),
      penaltyLines: penaltyTermsText(penalties),
      linkLines: linkLinesText(links),
      promiseLine: promiseLineText(promiseToPay, nextStep),
    },
  });
}
