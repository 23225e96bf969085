// Read side of refunds and disputes: each with what it took from the customer's credit and the
// invoices it opened again (with their new due date), and a payment's refunds oldest first.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import { ACCOUNTS } from '../../../billing/ledger.js';
import { money, type Money } from '../../../billing/money.js';
import type { RefundKind } from '../../../db/records/refunds.js';
import { invoices, journalEntries, journalLines, paymentAllocations, payments, refunds } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';

export interface ReopenedInvoice {
  invoiceId: string;
  invoiceNumber: string;
  /** What the refund took back off it: open again by this much. */
  amount: Money;
  /** When it falls due now. */
  dueDate: IsoDate;
}

export interface RefundView {
  id: string;
  paymentId: string;
  paymentNumber: string;
  customerId: string;
  /** `dispute`: the card holder's bank took the money back. */
  kind: RefundKind;
  amount: Money;
  reason: string;
  refundedOn: IsoDate;
  /** The gateway's refund id, for a card refund; null for money staff paid out themselves, and for disputes. */
  gatewayRefundId: string | null;
  recordedBy: string;
  createdAt: Date;
  /** Taken from the credit the payment had left on the customer's account. */
  fromCredit: Money;
  /** Taken back off invoices, which are open again. */
  reopened: ReopenedInvoice[];
}

export async function getRefund(ctx: ServiceContext, refundId: string): Promise<RefundView> {
  const [found] = await refundViews(ctx, eq(refunds.id, refundId));
  if (!found) throw new NotFoundError('refund', refundId);
  return found;
}

/** The payment's refunds and disputes, oldest first. */
export async function listPaymentRefunds(ctx: ServiceContext, paymentId: string): Promise<RefundView[]> {
  if (!z.uuid().safeParse(paymentId).success) throw new NotFoundError('payment', paymentId);
  const [payment] = await ctx.db.select({ id: payments.id }).from(payments).where(eq(payments.id, paymentId));
  if (!payment) throw new NotFoundError('payment', paymentId);
  return refundViews(ctx, eq(refunds.paymentId, paymentId));
}

async function refundViews(ctx: ServiceContext, where: SQL): Promise<RefundView[]> {
  const rows = await ctx.db
    .select({
      refund: refunds,
      paymentNumber: payments.number,
      // The credit line of the refund's journal entry is what it took from the customer's credit.
      fromCreditMinor: sql<string>`coalesce((
        select sum(${journalLines.amountMinor}) from ${journalLines}
        join ${journalEntries} on ${journalEntries.id} = ${journalLines.entryId}
        where ${journalEntries.sourceType} = 'refund' and ${journalEntries.sourceId} = ${refunds.id}
          and ${journalLines.accountCode} = ${ACCOUNTS.customerCredit}), 0)::text`,
    })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(where)
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
  const views: RefundView[] = [];
  for (const { refund, paymentNumber, fromCreditMinor } of rows) {
    views.push({
      id: refund.id,
      paymentId: refund.paymentId,
      paymentNumber,
      customerId: refund.customerId,
      kind: refund.kind,
      amount: money(refund.amountMinor, refund.currency),
      reason: refund.reason,
      refundedOn: refund.refundedOn,
      gatewayRefundId: refund.gatewayRefundId,
      recordedBy: refund.recordedBy,
      createdAt: refund.createdAt,
      fromCredit: money(fromCreditMinor, refund.currency),
      reopened: await reopenedBy(ctx, refund),
    });
  }
  return views;
}

/**
 * The allocations a refund reversed: written in its transaction, so they carry its payment, its
 * kind and its very creation time (Postgres gives every row of a transaction the same `now()`).
 */
async function reopenedBy(ctx: ServiceContext, refund: typeof refunds.$inferSelect): Promise<ReopenedInvoice[]> {
  const rows = await ctx.db
    .select({ invoiceId: invoices.id, invoiceNumber: invoices.number, dueDate: invoices.dueDate, amountMinor: paymentAllocations.amountMinor })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(
      and(
        eq(paymentAllocations.paymentId, refund.paymentId),
        eq(paymentAllocations.source, refund.kind),
        sql`${paymentAllocations.createdAt} = (select ${refunds.createdAt} from ${refunds} where ${refunds.id} = ${refund.id})`,
      ),
    )
    .orderBy(asc(invoices.issueDate), asc(invoices.number));
  return rows.map((row) => ({
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoiceNumber,
    amount: money(-row.amountMinor, refund.currency),
    dueDate: row.dueDate,
  }));
}
