// Which invoices a payment pays: the one it names first, then the rest oldest first (by due date,
// then issue date, then number), each up to what is open on it. Whatever is left is customer credit,
// applied to the next invoice.
import { compareIsoDate, type IsoDate } from '../calendar.js';
import { formatMoney } from '../money-format.js';
import type { Money } from '../money-value.js';

export interface OpenInvoice {
  invoiceId: string;
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** Still to pay on it, in minor units; never negative. */
  openMinor: bigint;
}

export interface InvoiceAllocation {
  invoiceId: string;
  amountMinor: bigint;
}

export interface PaymentSplit {
  allocations: InvoiceAllocation[];
  /** What no open invoice takes: kept as the customer's credit. */
  creditMinor: bigint;
}

/** Oldest first: the order in which money settles open invoices. */
export function oldestFirst(a: OpenInvoice, b: OpenInvoice): number {
  return compareIsoDate(a.dueDate, b.dueDate) || compareIsoDate(a.issueDate, b.issueDate) || a.number.localeCompare(b.number);
}

/**
 * Splits `amountMinor` over the open invoices. `namedInvoiceId` (the invoice the payer named) is
 * paid first; it must be among `open` or it is ignored (it may have been paid meanwhile).
 */
export function allocatePayment(amountMinor: bigint, open: readonly OpenInvoice[], namedInvoiceId?: string): PaymentSplit {
  if (amountMinor <= 0n) throw new RangeError(`A payment allocates a positive amount, not ${amountMinor}`);
  const ordered = [...open].filter((invoice) => invoice.openMinor > 0n).sort(oldestFirst);
  const named = ordered.findIndex((invoice) => invoice.invoiceId === namedInvoiceId);
  if (named > 0) ordered.unshift(...ordered.splice(named, 1));
  let left = amountMinor;
  const allocations: InvoiceAllocation[] = [];
  for (const invoice of ordered) {
    if (left === 0n) break;
    const part = invoice.openMinor < left ? invoice.openMinor : left;
    allocations.push({ invoiceId: invoice.invoiceId, amountMinor: part });
    left -= part;
  }
  return { allocations, creditMinor: left };
}

export interface StandingAllocation {
  invoiceId: string;
  /** What of this payment still stands on the invoice (allocations net of earlier reversals). */
  amountMinor: bigint;
  /** When it was made; the newest is taken back first. */
  allocatedAt: string;
}

export interface RefundSplit {
  /** Taken back from the customer's credit left by this payment. */
  fromCreditMinor: bigint;
  /** Allocations reversed, newest first: these invoices are open again by these amounts. */
  reversals: InvoiceAllocation[];
}

/**
 * What a refund (or a lost dispute) takes back: first the customer credit this payment left, then
 * its allocations, newest first. Refusing more than the payment still holds is the caller's job
 * (`refundProblem`); here it is an error.
 */
export function refundSplit(refundMinor: bigint, creditLeftMinor: bigint, standing: readonly StandingAllocation[]): RefundSplit {
  if (refundMinor <= 0n) throw new RangeError(`A refund takes back a positive amount, not ${refundMinor}`);
  const fromCreditMinor = creditLeftMinor > 0n ? (creditLeftMinor < refundMinor ? creditLeftMinor : refundMinor) : 0n;
  let left = refundMinor - fromCreditMinor;
  const reversals: InvoiceAllocation[] = [];
  const newestFirst = [...standing].filter((a) => a.amountMinor > 0n).sort((a, b) => b.allocatedAt.localeCompare(a.allocatedAt));
  for (const allocation of newestFirst) {
    if (left === 0n) break;
    const part = allocation.amountMinor < left ? allocation.amountMinor : left;
    reversals.push({ invoiceId: allocation.invoiceId, amountMinor: part });
    left -= part;
  }
  if (left > 0n) throw new RangeError(`A refund of ${refundMinor} is more than the payment still holds`);
  return { fromCreditMinor, reversals };
}

/** The refusal for a refund amount, or null: positive, and no more than is left to refund. */
export function refundProblem(refund: Money, refundable: Money): string | null {
  if (refund.amountMinor <= 0n) return 'must be more than zero';
  if (refund.amountMinor > refundable.amountMinor) return `is more than the ${formatMoney(refundable)} left to refund on this payment`;
  return null;
}
