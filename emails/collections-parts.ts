// Pieces the collections emails share (reminder, warning, final notice, suspension...): the list of
// overdue invoices with their total, what happens next and when, the promise-to-pay line, and the
// checks on what callers pass. Like email-parts, each piece is built once for the HTML (escaped here)
// and once for the plain text, so the two parts cannot say different things.
import type { IsoDate } from '../billing/calendar.js';
import type { DunningAction } from '../billing/collections/dunning/actions.js';
import { formatMoney, sumMoney, type Money } from '../billing/money.js';
import type { Fact } from './email-parts.js';
import { formatDisplayDate } from './format-date.js';
import { escapeHtml } from './template-compiler.js';

/** What every collections email names: who it is from, whom it is for, and where to pay. */
export interface CollectionsEmailBase {
  companyName: string;
  customerName: string;
  /** The account's reference as the customer sees it on statements and transfers, e.g. 'CUST-1A2B3C4D'. */
  accountReference: string;
  /** The customer portal's page where the customer pays what is open. */
  payNowUrl: string;
}

/** An invoice past its due date, with what is still open on it (after part payments and credit). */
export interface OverdueInvoice {
  invoiceNumber: string;
  amountDue: Money;
  dueOn: IsoDate;
}

/**
 * What collections does next if nothing is paid, by the policy step's action (billing's names):
 * suspend or restrict the service (`detail` says what a restriction changes, e.g. 'Only the
 * customer portal can be reached until then.'), hand the debt to a collection agency, or cancel
 * the account.
 */
export type CollectionStep =
  | { action: 'suspend'; on: IsoDate }
  | { action: 'restrict'; on: IsoDate; detail: string | null }
  | { action: 'mark_for_collection'; on: IsoDate }
  | { action: 'cancel'; on: IsoDate };

// Kept to billing's action names, so a policy step's action is passed as it is.
export type CollectionStepAction = CollectionStep['action'] & DunningAction;

/**
 * The promise-to-pay offer: the customer may reply "I will pay by <date>" or give the date in the
 * portal, and the step waits until then. `latestDate` is the last day a promise may name.
 */
export interface PromiseToPayHint {
  promiseUrl: string;
  latestDate: IsoDate;
}

export interface OverdueSummary {
  total: Money;
  /** `total` formatted, e.g. '€60.00'. */
  totalText: string;
  /** One row per invoice: 'Invoice INV-1, due 1 March 2026' → '€49.90'. */
  rows: Fact[];
  /** 'Total overdue' when there are several invoices; none for one. */
  totalRow: Fact | undefined;
  /** 'invoice A', 'invoices A and B', 'invoices A, B and C'. */
  invoiceWords: string;
}

/** Checks the overdue invoices (at least one, one currency, something owed on each) and lays them out. */
export function overdueSummary(invoices: readonly OverdueInvoice[], caller: string): OverdueSummary {
  const [first] = invoices;
  if (!first) throw new Error(`${caller}: overdueInvoices must list at least one overdue invoice`);
  for (const { invoiceNumber, amountDue } of invoices) {
    requireText(invoiceNumber, 'overdueInvoices[].invoiceNumber', caller);
    requireOwed(amountDue, `overdueInvoices[].amountDue of invoice ${invoiceNumber}`, caller, first.amountDue?.currency);
  }
  const total = sumMoney(invoices.map((invoice) => invoice.amountDue), first.amountDue.currency);
  const totalText = formatMoney(total);
  return {
    total,
    totalText,
    rows: invoices.map(({ invoiceNumber, amountDue, dueOn }) => ({
      label: `Invoice ${invoiceNumber}, due ${formatDisplayDate(dueOn)}`,
      value: formatMoney(amountDue),
    })),
    totalRow: invoices.length > 1 ? { label: 'Total overdue', value: totalText } : undefined,
    invoiceWords: listWords(invoices.map((invoice) => invoice.invoiceNumber), 'invoice', 'invoices'),
  };
}

/** 'invoice A', 'invoices A and B', 'invoices A, B and C'. */
export function listWords(items: readonly string[], one: string, several: string): string {
  if (items.length === 1) return `${one} ${items[0]}`;
  return `${several} ${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

interface StepWords {
  /** To follow "your ...", then "that day". */
  willHappen: string;
  /** For a subject, after the account reference. */
  subject: string;
  factLabel: string;
  /** To end "we will wait until that date before ...". */
  waiting: string;
}

const stepWords: Readonly<Record<CollectionStepAction, StepWords>> = {
  suspend: {
    willHappen: 'internet service will be suspended',
    subject: 'will be suspended',
    factLabel: 'Suspension date',
    waiting: 'suspending your service',
  },
  restrict: {
    willHappen: 'internet service will be restricted',
    subject: 'will be restricted',
    factLabel: 'Restriction date',
    waiting: 'restricting your service',
  },
  mark_for_collection: {
    willHappen: 'overdue amount will be passed to a debt collection agency',
    subject: 'will go to debt collection',
    factLabel: 'Collection date',
    waiting: 'passing the amount to collection',
  },
  cancel: {
    willHappen: 'account will be cancelled and your internet service will end',
    subject: 'will be cancelled',
    factLabel: 'Cancellation date',
    waiting: 'cancelling your account',
  },
};

/** A step arrives as JSON from an activity: its action must be one we can put in words, its date a real one. */
export function requireCollectionStep(step: CollectionStep, field: string, caller: string): void {
  if (!Object.hasOwn(stepWords, step?.action)) {
    throw new Error(`${caller}: ${field}.action must be one of ${Object.keys(stepWords).join(', ')}, got ${JSON.stringify(step?.action)}`);
  }
  formatDisplayDate(step.on);
}

/** 'Invoice INV-1 was due on 1 March 2026 and is still unpaid' or 'Invoices A and B are past their due date and still unpaid'. */
export function stillUnpaidWords(invoices: readonly OverdueInvoice[], summary: OverdueSummary): string {
  const [only] = invoices;
  const words = summary.invoiceWords.charAt(0).toUpperCase() + summary.invoiceWords.slice(1);
  if (invoices.length === 1 && only) return `${words} was due on ${formatDisplayDate(only.dueOn)} and is still unpaid`;
  return `${words} are past their due date and still unpaid`;
}

/** What happens and when: 'If €60.00 is still unpaid on 20 March 2026, your internet service will be suspended that day.' */
export function stepSentence(step: CollectionStep, amount: string): string {
  const detail = step.action === 'restrict' && step.detail?.trim() ? ` ${step.detail.trim()}` : '';
  return `If ${amount} is still unpaid on ${formatDisplayDate(step.on)}, your ${stepWords[step.action].willHappen} that day.${detail}`;
}

/** The date row of a summary table: 'Suspension date' → '20 March 2026'. */
export function stepFact(step: CollectionStep): Fact {
  return { label: stepWords[step.action].factLabel, value: formatDisplayDate(step.on) };
}

/** For a subject: 'service on account CUST-1 will be suspended on 20 March 2026'. */
export function stepSubject(step: CollectionStep, accountReference: string): string {
  const what = step.action === 'mark_for_collection' ? 'the overdue amount on account' : step.action === 'cancel' ? 'account' : 'service on account';
  return `${what} ${accountReference} ${stepWords[step.action].subject} on ${formatDisplayDate(step.on)}`;
}

const replyWords = 'Need more time? Reply to this email with "I will pay by" and a date';

/** Checks the offer: its link is one the customer acts on. */
export function requirePromiseHint(hint: PromiseToPayHint | null, caller: string): void {
  if (hint === null) return;
  requireLink(hint.promiseUrl, 'promiseToPay.promiseUrl', caller);
  formatDisplayDate(hint.latestDate);
}

/** The promise-to-pay line for the plain text (a paragraph of its own), or '' without an offer. */
export function promiseLineText(hint: PromiseToPayHint | null, step: CollectionStep): string {
  if (!hint) return '';
  return `\n\n${replyWords} no later than ${formatDisplayDate(hint.latestDate)}, or give the date in the customer portal (${hint.promiseUrl}), ${promiseEnd(step)}`;
}

/** The same line as a paragraph row for `<mj-raw>{{{promiseRow}}}</mj-raw>`, with the portal as a link. */
export function promiseRowHtml(hint: PromiseToPayHint | null, step: CollectionStep): string {
  if (!hint) return '';
  const link = `<a href="${escapeHtml(hint.promiseUrl)}" style="color:#0b3d91" target="_blank">customer portal</a>`;
  const before = escapeHtml(`${replyWords} no later than ${formatDisplayDate(hint.latestDate)}, or give the date in the `);
  return paragraphRowHtml(`${before}${link}${escapeHtml(`, ${promiseEnd(step)}`)}`);
}

function promiseEnd(step: CollectionStep): string {
  return `and we will wait until that date before ${stepWords[step.action].waiting}.`;
}

/**
 * A charge the customer's terms allow on late payment: a fixed amount ('Late payment fee', €10.00)
 * or one computed later, described in words with no amount ('Interest of 8% a year on the overdue amount').
 */
export interface PenaltyTerm {
  description: string;
  amount: Money | null;
}

const penaltyHeading = 'Under your terms, we may also charge for the late payment:';

/** The penalties the terms allow, as a plain-text paragraph; '' when none are given. */
export function penaltyTermsText(terms: readonly PenaltyTerm[]): string {
  if (terms.length === 0) return '';
  const lines = terms.map(({ description, amount }) => `- ${description}${amount ? `: ${formatMoney(amount)}` : ''}`);
  return `\n\n${penaltyHeading}\n${lines.join('\n')}`;
}

/** The same as rows for `<mj-raw>{{{penaltyRows}}}</mj-raw>`: a paragraph and a list; '' when none. */
export function penaltyTermsHtml(terms: readonly PenaltyTerm[]): string {
  if (terms.length === 0) return '';
  const items = terms
    .map(({ description, amount }) => `<li>${escapeHtml(description)}${amount ? `: ${escapeHtml(formatMoney(amount))}` : ''}</li>`)
    .join('');
  return paragraphRowHtml(`${escapeHtml(penaltyHeading)}<ul style="margin:6px 0 0;padding-left:20px">${items}</ul>`);
}

export function requirePenaltyTerms(terms: readonly PenaltyTerm[], currency: string, caller: string): void {
  if (!Array.isArray(terms)) throw new Error(`${caller}: penalties must be a list (empty when the terms allow none)`);
  for (const { description, amount } of terms) {
    requireText(description, 'penalties[].description', caller);
    if (amount !== null) requireOwed(amount, `penalties[].amount of "${description}"`, caller, currency);
  }
}

// The markup `<mj-text>` compiles to with the templates' attributes, so an optional paragraph sits in
// the column like the ones around it and leaves no gap behind when it is left out.
const paragraphCell = 'font-size:0px;padding:10px 25px;word-break:break-word;';
const paragraphStyle = 'font-family:Helvetica, Arial, sans-serif;font-size:15px;line-height:22px;text-align:left;color:#1f2933;';

/** A paragraph row of HTML the caller built with escaping, for an `<mj-raw>` inside an `mj-column`. */
export function paragraphRowHtml(innerHtml: string): string {
  return `<tr><td align="left" style="${paragraphCell}"><div style="${paragraphStyle}">${innerHtml}</div></td></tr>`;
}

/** An amount owed or paid must be more than zero: a zero or negative one is no reason to write. */
export function requireOwed(amount: Money, field: string, caller: string, currency?: string): void {
  requireMoney(amount, field, caller, currency);
  if (amount.amountMinor <= 0n) throw new Error(`${caller}: ${field} must be more than zero`);
}

/** An amount that may be zero (nothing overdue) but never negative, in the expected currency when one is given. */
export function requireMoney(amount: Money, field: string, caller: string, currency?: string): void {
  if (typeof amount?.amountMinor !== 'bigint' || typeof amount.currency !== 'string') {
    throw new Error(`${caller}: ${field} must be a Money (bigint minor units and a currency)`);
  }
  if (amount.amountMinor < 0n) throw new Error(`${caller}: ${field} must not be negative`);
  if (currency !== undefined && amount.currency !== currency) {
    throw new Error(`${caller}: ${field} must be in ${currency}, like the rest of the email, got ${amount.currency}`);
  }
}

/** The links are what the customer acts on: a missing or relative one would be a dead button. */
export function requireLink(url: string, field: string, caller: string): void {
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
    throw new Error(`${caller}: ${field} must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
}

export function requireText(text: string, field: string, caller: string): void {
  if (typeof text !== 'string' || text.trim() === '') throw new Error(`${caller}: ${field} must be a non-empty text`);
}

/** The fields every collections email needs, checked before anything is laid out. */
export function requireBase(data: CollectionsEmailBase, caller: string): void {
  requireText(data.companyName, 'companyName', caller);
  requireText(data.customerName, 'customerName', caller);
  requireText(data.accountReference, 'accountReference', caller);
  requireLink(data.payNowUrl, 'payNowUrl', caller);
}

/** The sentence every overdue email closes with, because payments cross these emails in the post. */
export const alreadyPaidSentence =
  'If you have paid in the last few days, thank you: payments can take a few days to reach us, and you can ignore this message.';
