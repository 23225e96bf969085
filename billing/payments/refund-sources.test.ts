import { describe, expect, it } from 'vitest';
import { refundSplit } from './payment-allocation.js';
import { refundSources, type AllocationFact } from './refund-sources.js';

const paid = (invoiceId: string, paymentId: string, amountMinor: bigint, at: string): AllocationFact => ({ invoiceId, paymentId, source: 'payment', amountMinor, at });
const credit = (invoiceId: string, amountMinor: bigint, at: string): AllocationFact => ({ invoiceId, paymentId: null, source: 'customer_credit', amountMinor, at });
const refunded = (invoiceId: string, paymentId: string, amountMinor: bigint, at: string): AllocationFact => ({ invoiceId, paymentId, source: 'refund', amountMinor: -amountMinor, at });

describe('refundSources', () => {
  it('an overpayment: the credit it left is held, its allocations stand', () => {
    const sources = refundSources({ paymentId: 'P', amountMinor: 10000n, refundedMinor: 0n }, 2000n, [
      paid('A', 'P', 5000n, '1'),
      paid('B', 'P', 3000n, '1'),
    ]);
    expect(sources.refundableMinor).toBe(10000n);
    expect(sources.creditHeldMinor).toBe(2000n);
    expect(sources.standing.map((s) => [s.invoiceId, s.amountMinor])).toEqual([['A', 5000n], ['B', 3000n]]);
  });

  it('after a refund that reopened part of an invoice, only what stands is left', () => {
    const sources = refundSources({ paymentId: 'P', amountMinor: 10000n, refundedMinor: 3000n }, 0n, [
      paid('A', 'P', 5000n, '1'),
      paid('B', 'P', 3000n, '1'),
      refunded('B', 'P', 1000n, '2'),
    ]);
    expect(sources.refundableMinor).toBe(7000n);
    expect(sources.creditHeldMinor).toBe(0n);
    expect(sources.standing.map((s) => [s.invoiceId, s.amountMinor])).toEqual([['A', 5000n], ['B', 2000n]]);
  });

  it('credit held by the customer from elsewhere is not this payment’s to take', () => {
    const sources = refundSources({ paymentId: 'P', amountMinor: 5000n, refundedMinor: 0n }, 9000n, [paid('A', 'P', 5000n, '1')]);
    expect(sources.creditHeldMinor).toBe(0n);
  });

  it('credit the payment left and that paid a later invoice is taken back from that invoice, newest first', () => {
    const facts = [paid('A', 'P', 6000n, '1'), credit('B', 4000n, '2')];
    const sources = refundSources({ paymentId: 'P', amountMinor: 10000n, refundedMinor: 0n }, 0n, facts);
    expect(sources.creditHeldMinor).toBe(0n);
    const split = refundSplit(7000n, sources.creditHeldMinor, sources.standing);
    expect(split).toEqual({ fromCreditMinor: 0n, reversals: [{ invoiceId: 'B', amountMinor: 4000n }, { invoiceId: 'A', amountMinor: 3000n }] });

    // The next refund sees what the first took back, from the credit-paid invoice and its own.
    const after = refundSources({ paymentId: 'P', amountMinor: 10000n, refundedMinor: 7000n }, 0n, [
      ...facts,
      refunded('B', 'P', 4000n, '3'),
      refunded('A', 'P', 3000n, '3'),
    ]);
    expect(after.refundableMinor).toBe(3000n);
    expect(after.standing.map((s) => [s.invoiceId, s.amountMinor])).toEqual([['A', 3000n]]);
  });

  it('a part of the credit still held and the rest spent: both are found, no more than the payment left', () => {
    const sources = refundSources({ paymentId: 'P', amountMinor: 10000n, refundedMinor: 0n }, 1000n, [paid('A', 'P', 6000n, '1'), credit('B', 8000n, '2')]);
    expect(sources.creditHeldMinor).toBe(1000n);
    expect(sources.standing.map((s) => [s.invoiceId, s.amountMinor])).toEqual([['B', 3000n], ['A', 6000n]]);
    expect(refundSplit(10000n, sources.creditHeldMinor, sources.standing).reversals).toEqual([
      { invoiceId: 'B', amountMinor: 3000n },
      { invoiceId: 'A', amountMinor: 6000n },
    ]);
  });
});
