// When an invoice falls due: its issue day plus the customer's payment terms, in whole days of the
// company's calendar. Terms of 0 mean due on receipt.
import { addDays, type IsoDate } from '../calendar.js';

/** Terms a customer without their own gets, until staff change the default in the settings. */
export const DEFAULT_PAYMENT_TERMS_DAYS = 14;
/** A year: longer terms are a loan, not an invoice. */
export const MAX_PAYMENT_TERMS_DAYS = 365;

/** The refusal for terms outside 0..365, or null when they are fine. */
export function paymentTermsProblem(days: unknown): string | null {
  if (typeof days !== 'number' || !Number.isInteger(days)) return 'must be a whole number of days';
  if (days < 0 || days > MAX_PAYMENT_TERMS_DAYS) return `must be between 0 (due on receipt) and ${MAX_PAYMENT_TERMS_DAYS} days`;
  return null;
}

/** The customer's own terms, else the company's default. */
export function effectiveTermsDays(customerTermsDays: number | null, defaultTermsDays: number): number {
  return customerTermsDays ?? defaultTermsDays;
}

/** The due date of a document issued (or reopened) on `from`. */
export function dueDateFor(from: IsoDate, termsDays: number): IsoDate {
  const problem = paymentTermsProblem(termsDays);
  if (problem) throw new RangeError(`Payment terms ${termsDays} ${problem}`);
  return addDays(from, termsDays);
}

/** How the terms read on an invoice: "Due on receipt" or "Net 14". */
export function termsLabel(termsDays: number): string {
  return termsDays === 0 ? 'Due on receipt' : `Net ${termsDays}`;
}
