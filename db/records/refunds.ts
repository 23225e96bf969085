// Booking money given back, inside the caller's transaction: a refund (ours, or one the gateway
// reports) or a dispute (the bank took a card payment back). One refund row per source key, taken
// first from the customer credit the payment left, then off the invoices it paid, newest first,
// as dated negative allocations; one balanced journal entry; the invoices it opens again fall due
// after the customer's terms from that day. The account workflow hears of it through the outbox.
import { and, eq, sql } from 'drizzle-orm';
import { compareIsoDate, type IsoDate } from '../../billing/calendar.js';
import { money, type Money } from '../../billing/money.js';
import { refundProblem, refundSplit } from '../../billing/payments/payment-allocation.js';
import { awaitsAssignment } from '../../billing/payments/payment-assignment.js';
import { refundPosting } from '../../billing/payments/payment-postings.js';
import { refundSources, type AllocationFact } from '../../billing/payments/refund-sources.js';
import { unassignedRefundRefusal } from '../../billing/payments/gateway-refunds.js';
import type { Database } from '../client.js';
import { invoices, paymentAllocations, payments, refunds } from '../schema.js';
import { handOffAccountFact } from './handoffs.js';
import { invoiceBalances } from './invoice-balances.js';
import { postJournalEntry } from './journal-entries.js';
import { customerDueDate } from './payment-terms.js';
import { customerCredit, lockCustomer } from './payments.js';
import type { Transaction } from './transaction.js';

export type RefundKind = 'refund' | 'dispute';

export interface RefundToRecord {
  paymentId: string;
  /** `dispute`: the card holder's bank took the money back (a chargeback). */
  kind: RefundKind;
  amount: Money;
  reason: string;
  refundedOn: IsoDate;
  /**
   * What makes it one refund however often it is reported: `gateway-refund:<refund id>`,
   * `dispute:<dispute id>`, or the request's own key for money staff pay out themselves.
   */
  sourceKey: string;
  gatewayRefundId?: string | null;
  recordedBy: string;
}

export interface RecordedRefund {
  refundId: string;
  paymentId: string;
  paymentNumber: string;
  customerId: string;
  kind: RefundKind;
  amount: Money;
  refundedOn: IsoDate;
  /** True when this source key was already recorded: nothing new was booked. */
  alreadyRecorded: boolean;
}

export type RefundRecording =
  | ({ ok: true } & RecordedRefund)
  | { ok: false; reason: 'payment-not-found' }
  /** No customer's money yet (unassigned, or waiting for review): `message` says to assign it first. */
  | { ok: false; reason: 'unassigned'; message: string }
  /** More than is left, nothing, or another currency: `problem` reads after the field's name (`amount`). */
  | { ok: false; reason: 'refused'; paymentNumber: string; problem: string; refundable: Money };

export async function recordRefund(tx: Transaction, input: RefundToRecord): Promise<RefundRecording> {
  const existing = await findRefundBySourceKey(tx, input.sourceKey);
  if (existing) return existing;
  const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId));
  if (!payment) return { ok: false, reason: 'payment-not-found' };
  const customerId = payment.customerId;
  if (customerId === null || awaitsAssignment(payment)) return { ok: false, reason: 'unassigned', message: unassignedRefundRefusal(payment.number) };

  // One money movement of the customer at a time: what is left on the payment and on its
  // invoices is read after the lock, and a same-key report that committed meanwhile is found.
  await lockCustomer(tx, customerId);
  const committedMeanwhile = await findRefundBySourceKey(tx, input.sourceKey);
  if (committedMeanwhile) return committedMeanwhile;

  const { currency } = payment;
  const sources = refundSources(
    { paymentId: payment.id, amountMinor: payment.amountMinor, refundedMinor: await refundedMinor(tx, payment.id) },
    (await customerCredit(tx, customerId, currency)).amountMinor,
    await allocationFacts(tx, customerId, currency),
  );
  const refundable = money(sources.refundableMinor, currency);
  const problem = input.amount.currency !== currency ? `must be in ${currency}, the currency of the payment` : refundProblem(input.amount, refundable);
  if (problem) return { ok: false, reason: 'refused', paymentNumber: payment.number, problem, refundable };

  const split = refundSplit(input.amount.amountMinor, sources.creditHeldMinor, sources.standing);
  // Read before the reversals: an invoice settled in full until now is one this refund reopens.
  const settledBefore = (await invoiceBalances(tx, split.reversals.map((r) => r.invoiceId))).filter((b) => b.openMinor === 0n);

  const [stored] = await tx
    .insert(refunds)
    .values({
      paymentId: payment.id,
      customerId,
      kind: input.kind,
      amountMinor: input.amount.amountMinor,
      currency,
      reason: input.reason,
      refundedOn: input.refundedOn,
      sourceKey: input.sourceKey,
      gatewayRefundId: input.gatewayRefundId ?? null,
      recordedBy: input.recordedBy,
    })
    .returning({ id: refunds.id });
  const refundId = stored!.id;
  if (split.reversals.length > 0) {
    await tx.insert(paymentAllocations).values(
      split.reversals.map((r) => ({
        invoiceId: r.invoiceId,
        customerId,
        paymentId: payment.id,
        source: input.kind,
        amountMinor: -r.amountMinor,
        currency,
        allocatedOn: input.refundedOn,
      })),
    );
  }
  const posting = refundPosting({
    reference: payment.number,
    method: payment.method,
    customerId,
    amount: input.amount,
    fromCreditMinor: split.fromCreditMinor,
    kind: input.kind === 'dispute' ? 'Dispute' : 'Refund',
  });
  await postJournalEntry(tx, posting, { type: 'refund', id: refundId }, input.refundedOn);
  await reopen(tx, customerId, settledBefore, input.refundedOn);
  // Last: the account's hand-off sequence stays locked only until commit.
  await handOffAccountFact(tx, customerId, { kind: 'refund-issued', refundId });
  return {
    ok: true,
    refundId,
    paymentId: payment.id,
    paymentNumber: payment.number,
    customerId,
    kind: input.kind,
    amount: input.amount,
    refundedOn: input.refundedOn,
    alreadyRecorded: false,
  };
}

export async function findRefundBySourceKey(tx: Database | Transaction, sourceKey: string): Promise<(RecordedRefund & { ok: true }) | null> {
  const [row] = await tx
    .select({ refund: refunds, paymentNumber: payments.number })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(eq(refunds.sourceKey, sourceKey));
  if (!row) return null;
  const { refund } = row;
  return {
    ok: true,
    refundId: refund.id,
    paymentId: refund.paymentId,
    paymentNumber: row.paymentNumber,
    customerId: refund.customerId,
    kind: refund.kind,
    amount: money(refund.amountMinor, refund.currency),
    refundedOn: refund.refundedOn,
    alreadyRecorded: true,
  };
}

/** What earlier refunds and disputes of the payment took back. */
export async function refundedMinor(db: Database | Transaction, paymentId: string): Promise<bigint> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${refunds.amountMinor}), 0)::text` })
    .from(refunds)
    .where(eq(refunds.paymentId, paymentId));
  return BigInt(row?.total ?? '0');
}

async function allocationFacts(tx: Transaction, customerId: string, currency: string): Promise<AllocationFact[]> {
  const rows = await tx
    .select({
      invoiceId: paymentAllocations.invoiceId,
      paymentId: paymentAllocations.paymentId,
      source: paymentAllocations.source,
      amountMinor: paymentAllocations.amountMinor,
      createdAt: paymentAllocations.createdAt,
      issueDate: invoices.issueDate,
      invoiceNumber: invoices.number,
    })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(and(eq(paymentAllocations.customerId, customerId), eq(paymentAllocations.currency, currency)));
  // Rows written together share their time; a payment settles the older invoices first, so of
  // those the later invoice counts as the newer allocation.
  return rows.map(({ createdAt, issueDate, invoiceNumber, ...row }) => ({ ...row, at: `${createdAt.toISOString()} ${issueDate} ${invoiceNumber}` }));
}

/** Invoices open again fall due after the customer's terms from the reopening day, never earlier than before. */
async function reopen(tx: Transaction, customerId: string, reopened: { invoiceId: string; dueDate: IsoDate }[], on: IsoDate): Promise<void> {
  if (reopened.length === 0) return;
  const dueAgain = await customerDueDate(tx, customerId, on);
  for (const invoice of reopened) {
    if (compareIsoDate(dueAgain, invoice.dueDate) <= 0) continue;
    await tx.update(invoices).set({ dueDate: dueAgain }).where(eq(invoices.id, invoice.invoiceId));
  }
}
