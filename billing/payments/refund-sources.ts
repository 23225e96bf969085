// What a refund of one payment can take back, read from the customer's allocations. A payment's
// money went to invoices (its own allocations) and the rest to the customer's credit, which may
// since have paid later invoices. refundSplit takes back the credit still held first, then the
// allocations newest first; this works out both: the credit of this payment the customer still
// holds, and every allocation that still carries its money, its own or paid with its credit.
import type { StandingAllocation } from './payment-allocation.js';

export interface AllocationFact {
  invoiceId: string;
  /** The payment whose allocation (positive) or refund (negative) it is; null for credit applied. */
  paymentId: string | null;
  source: 'payment' | 'customer_credit' | 'refund' | 'dispute';
  /** Signed: a refund or dispute taking money back off the invoice is negative. */
  amountMinor: bigint;
  /** Orders "newest first", compared as text: when it was written (an ISO timestamp), then any tie-break. */
  at: string;
}

export interface RefundablePayment {
  paymentId: string;
  amountMinor: bigint;
  /** What earlier refunds and disputes of this payment took back. */
  refundedMinor: bigint;
}

export interface RefundSources {
  /** What is left to refund: the payment less what earlier refunds took back. */
  refundableMinor: bigint;
  /** This payment's credit the customer still holds: taken back first. */
  creditHeldMinor: bigint;
  /** Allocations still carrying this payment's money: its own, and those its credit paid. */
  standing: StandingAllocation[];
}

/**
 * `allocations` are all of the customer's allocations in the payment's currency; `customerCreditMinor`
 * their credit balance now. Credit is one pot: when it paid invoices, the part of this payment's
 * credit no longer held is taken from the newest invoices credit paid.
 */
export function refundSources(payment: RefundablePayment, customerCreditMinor: bigint, allocations: readonly AllocationFact[]): RefundSources {
  const refundableMinor = payment.amountMinor - payment.refundedMinor;
  const own = netByInvoice(allocations.filter((a) => a.paymentId === payment.paymentId));
  const ownStanding = [...own.values()].filter((a) => a.amountMinor > 0n);
  const ownMinor = ownStanding.reduce((sum, a) => sum + a.amountMinor, 0n);
  // What of this payment is not on its own allocations is credit: still held, or spent on invoices.
  const creditMinor = max(refundableMinor - ownMinor, 0n);
  const creditHeldMinor = min(creditMinor, max(customerCreditMinor, 0n));
  const creditSpentMinor = creditMinor - creditHeldMinor;
  return { refundableMinor, creditHeldMinor, standing: [...paidWithCredit(allocations, creditSpentMinor), ...ownStanding] };
}

/** The net amount of each invoice's rows, dated by its newest money in. */
function netByInvoice(rows: readonly AllocationFact[]): Map<string, StandingAllocation> {
  const byInvoice = new Map<string, StandingAllocation>();
  for (const row of rows) {
    const entry = byInvoice.get(row.invoiceId) ?? { invoiceId: row.invoiceId, amountMinor: 0n, allocatedAt: '' };
    entry.amountMinor += row.amountMinor;
    if (row.amountMinor > 0n && row.at > entry.allocatedAt) entry.allocatedAt = row.at;
    byInvoice.set(row.invoiceId, entry);
  }
  return byInvoice;
}

/**
 * Credit applied to invoices that still stands, newest first, up to `limitMinor`. A refund that took
 * back more from an invoice than its payment had put there took it from the credit applied to it.
 */
function paidWithCredit(allocations: readonly AllocationFact[], limitMinor: bigint): StandingAllocation[] {
  if (limitMinor <= 0n) return [];
  const applied = netByInvoice(allocations.filter((a) => a.source === 'customer_credit'));
  const byPayment = new Map<string, AllocationFact[]>();
  for (const row of allocations) {
    if (row.paymentId === null) continue;
    byPayment.set(row.paymentId, [...(byPayment.get(row.paymentId) ?? []), row]);
  }
  for (const rows of byPayment.values()) {
    for (const net of netByInvoice(rows).values()) {
      const entry = applied.get(net.invoiceId);
      if (entry && net.amountMinor < 0n) entry.amountMinor += net.amountMinor;
    }
  }
  let left = limitMinor;
  const standing: StandingAllocation[] = [];
  const newestFirst = [...applied.values()].filter((a) => a.amountMinor > 0n).sort((a, b) => b.allocatedAt.localeCompare(a.allocatedAt));
  for (const allocation of newestFirst) {
    if (left === 0n) break;
    const part = min(allocation.amountMinor, left);
    standing.push({ ...allocation, amountMinor: part });
    left -= part;
  }
  return standing;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
