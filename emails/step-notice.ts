// The warning and the final notice say the same things in the same layout: what is overdue, the
// step ahead and its day, the late charges the terms allow, the pay link and the promise-to-pay
// line. They differ only in their words, which each passes in.
import { buttonRowsHtml, factLinesText, factRowsHtml, itemLinesText, itemRowsHtml, linkLinesText, renderTemplatePair } from './email-parts.js';
import {
  alreadyPaidSentence, overdueSummary, penaltyTermsHtml, penaltyTermsText, promiseLineText, promiseRowHtml, requireBase,
  requireCollectionStep, requirePenaltyTerms, requirePromiseHint, stepFact,
  type CollectionStep, type CollectionsEmailBase, type OverdueInvoice, type OverdueSummary, type PenaltyTerm, type PromiseToPayHint,
} from './collections-parts.js';
import type { RenderedEmail } from './rendered-email.js';

export interface StepNoticeData extends CollectionsEmailBase {
  /** The invoices past their due date with what is still open on each; at least one, one currency. */
  overdueInvoices: OverdueInvoice[];
  /** The late-payment charges the customer's terms allow; empty when they allow none. */
  penalties: PenaltyTerm[];
  /** The promise-to-pay offer; null when none can be made (say, one was made already). */
  promiseToPay: PromiseToPayHint | null;
}

export interface StepNoticeWords {
  subject: string;
  /** Template fields only one of the two has (the final notice's heading). */
  extra?: Record<string, string>;
  intro: string;
  consequence: string;
  payNow: string;
}

/** Checks what the caller passed and sums what is overdue, naming the field and the caller on a refusal. */
export function checkStepNotice(data: StepNoticeData, step: CollectionStep, stepField: string, caller: string): OverdueSummary {
  requireBase(data, caller);
  const overdue = overdueSummary(data.overdueInvoices, caller);
  requireCollectionStep(step, stepField, caller);
  requirePenaltyTerms(data.penalties, overdue.total.currency, caller);
  requirePromiseHint(data.promiseToPay, caller);
  return overdue;
}

export function renderStepNotice(
  template: string,
  data: StepNoticeData,
  step: CollectionStep,
  overdue: OverdueSummary,
  words: StepNoticeWords,
): Promise<RenderedEmail> {
  const facts = [{ label: 'Account', value: data.accountReference }, { label: 'Overdue', value: overdue.totalText }, stepFact(step)];
  const links = [{ label: 'Pay now', url: data.payNowUrl }];
  return renderTemplatePair(template, words.subject, {
    shared: {
      companyName: data.companyName,
      customerName: data.customerName,
      accountReference: data.accountReference,
      ...words.extra,
      intro: words.intro,
      consequence: words.consequence,
      payNow: words.payNow,
      alreadyPaid: alreadyPaidSentence,
    },
    html: {
      factRows: factRowsHtml(facts),
      invoiceRows: itemRowsHtml(overdue.rows, overdue.totalRow),
      penaltyRows: penaltyTermsHtml(data.penalties),
      buttons: buttonRowsHtml(links),
      promiseRow: promiseRowHtml(data.promiseToPay, step),
    },
    text: {
      factLines: factLinesText(facts),
      invoiceLines: itemLinesText(overdue.rows, overdue.totalRow),
      penaltyLines: penaltyTermsText(data.penalties),
      linkLines: linkLinesText(links),
      promiseLine: promiseLineText(data.promiseToPay, step),
    },
  });
}
