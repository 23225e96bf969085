// Read side of payments: every payment page by page (by customer, method, received date, or the
// ones waiting for staff to review), one payment with the invoices it paid, and what was applied
// to one invoice (payments and customer credit, each with its amount and date).
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../billing/payments/payment-methods.js';
import { openInvoicesOf } from '../../../db/records/invoice-balances.js';
import { customers, invoices, paymentAllocations, payments } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { assertCustomerExists, getCustomerRecord } from '../customers/customer-directory.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { fieldProblems } from '../invoices/item-line-input.js';
import { decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';
import { isoDate } from '../subscriptions/subscriptions.js';

export const paymentListQuerySchema = pageQuerySchema.extend({
  customerId: z.uuid('must be the id of a customer').optional(),
  method: z.enum(PAYMENT_METHODS, `must be one of ${PAYMENT_METHODS.join(', ')}`).optional(),
  /** Received on or after this day. */
  from: isoDate.optional(),
  /** Received on or before this day. */
  to: isoDate.optional(),
  /** `true`: only payments waiting for staff to review; `false`: only the others. */
  needsReview: z.enum(['true', 'false'], 'must be true or false').optional(),
});

export type PaymentListQuery = Partial<Record<keyof z.input<typeof paymentListQuerySchema>, unknown>>;

/** Payments page newest received first, then by number: `2026-11-25 PAY-2026-000042`. */
const RECEIVED_AND_NUMBER = /^\d{4}-\d{2}-\d{2} [A-Z]+-\d{4}-\d+$/;

export type AllocationSource = (typeof paymentAllocations.$inferSelect)['source'];

export interface PaymentSummary {
  id: string;
  /** The receipt number, PAY-2026-000001. */
  number: string;
  /** Null while no customer matched the money (it waits in unallocated receipts). */
  customerId: string | null;
  customerName: string | null;
  method: PaymentMethod;
  /** The card, for a card payment: brand and last four digits, never more. */
  card: { brand: string | null; last4: string } | null;
  amount: Money;
  receivedOn: IsoDate;
  reference: string | null;
  /** Why staff should look at it; such a payment stays unallocated until they do. */
  needsReview: string | null;
  recordedBy: string;
  createdAt: Date;
  /** What it settled on invoices when it was recorded. */
  allocated: Money;
  /** What no invoice took when it was recorded: kept as the customer's credit for their next invoices. */
  credit: Money;
}

export interface PaymentAllocationView {
  invoiceId: string;
  invoiceNumber: string;
  /** Positive when it paid the invoice; negative when a refund or dispute took it back. */
  amount: Money;
  allocatedOn: IsoDate;
  source: AllocationSource;
}

export interface PaymentDocument extends PaymentSummary {
  customer: { id: string; name: string; email: string } | null;
  /** Oldest first. */
  allocations: PaymentAllocationView[];
}

/** One amount applied to an invoice: from a payment, or from the customer's credit (no payment). */
export interface InvoicePaymentView {
  source: AllocationSource;
  payment: { id: string; number: string; method: PaymentMethod; receivedOn: IsoDate } | null;
  amount: Money;
  allocatedOn: IsoDate;
}

/** What the payment's own allocations settled when it was recorded (refunds reverse them later). */
const allocatedMinorSql = sql<string>`coalesce((select sum(${paymentAllocations.amountMinor}) from ${paymentAllocations} where ${paymentAllocations.paymentId} = ${payments.id} and ${paymentAllocations.source} = 'payment'), 0)::text`;

const summaryColumns = {
  payment: payments,
  customerName: customers.name,
  allocatedMinor: allocatedMinorSql,
  positionKey: sql<string>`${payments.receivedOn}::text || ' ' || ${payments.number}`,
};

type SummaryRow = { payment: typeof payments.$inferSelect; customerName: string | null; allocatedMinor: string };

function toSummary({ payment, customerName, allocatedMinor }: SummaryRow): PaymentSummary {
  const allocated = BigInt(allocatedMinor);
  // Money waiting for review, or for a customer, went to unallocated receipts: none of it is credit yet.
  const kept = payment.customerId === null || payment.needsReview !== null ? 0n : payment.amountMinor - allocated;
  return {
    id: payment.id,
    number: payment.number,
    customerId: payment.customerId,
    customerName,
    method: payment.method,
    card: payment.cardLast4 ? { brand: payment.cardBrand, last4: payment.cardLast4 } : null,
    amount: money(payment.amountMinor, payment.currency),
    receivedOn: payment.receivedOn as IsoDate,
    reference: payment.reference,
    needsReview: payment.needsReview,
    recordedBy: payment.recordedBy,
    createdAt: payment.createdAt,
    allocated: money(allocated, payment.currency),
    credit: money(kept, payment.currency),
  };
}

/** Every payment, newest received first, narrowed by the query's filters. */
export async function listPayments(ctx: ServiceContext, query: PaymentListQuery): Promise<Page<PaymentSummary>> {
  const parsed = paymentListQuerySchema.safeParse(query);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error, 'a payment list'));
  const { limit, cursor, customerId, method, from, to, needsReview } = parsed.data;
  if (from !== undefined && to !== undefined && from > to) throw new ValidationError([{ field: 'from', message: `must be on or before to (${to})` }]);
  const after = decodeCursor(cursor, RECEIVED_AND_NUMBER);
  const [afterDate, afterNumber] = after ? after.key.split(' ') : [];
  const conditions: (SQL | undefined)[] = [
    after ? sql`(${payments.receivedOn}, ${payments.number}) < (${afterDate}::date, ${afterNumber})` : undefined,
    customerId ? eq(payments.customerId, customerId) : undefined,
    method ? eq(payments.method, method) : undefined,
    from ? gte(payments.receivedOn, from) : undefined,
    to ? lte(payments.receivedOn, to) : undefined,
    needsReview === 'true' ? sql`${payments.needsReview} is not null` : needsReview === 'false' ? sql`${payments.needsReview} is null` : undefined,
  ];
  const rows = await ctx.db
    .select(summaryColumns)
    .from(payments)
    .leftJoin(customers, eq(customers.id, payments.customerId))
    .where(and(...conditions))
    .orderBy(desc(payments.receivedOn), desc(payments.number))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.positionKey, id: row.payment.id }), toSummary);
}

/** A customer's payments, newest received first; an unknown customer is not found. */
export async function listCustomerPayments(ctx: ServiceContext, customerId: string, query: Omit<PaymentListQuery, 'customerId'>): Promise<Page<PaymentSummary>> {
  await assertCustomerExists(ctx, customerId);
  return listPayments(ctx, { ...query, customerId });
}

export async function getPayment(ctx: ServiceContext, paymentId: string): Promise<PaymentDocument> {
  const [row] = z.uuid().safeParse(paymentId).success
    ? await ctx.db
        .select({ ...summaryColumns, customerEmail: customers.email })
        .from(payments)
        .leftJoin(customers, eq(customers.id, payments.customerId))
        .where(eq(payments.id, paymentId))
    : [];
  if (!row) throw new NotFoundError('payment', paymentId);
  const allocations = await ctx.db
    .select({ allocation: paymentAllocations, invoiceNumber: invoices.number })
    .from(paymentAllocations)
    .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
    .where(eq(paymentAllocations.paymentId, paymentId))
    .orderBy(asc(paymentAllocations.createdAt), asc(invoices.number));
  const summary = toSummary(row);
  return {
    ...summary,
    customer: row.payment.customerId && row.customerName !== null && row.customerEmail !== null
      ? { id: row.payment.customerId, name: row.customerName, email: row.customerEmail }
      : null,
    allocations: allocations.map(({ allocation, invoiceNumber }) => ({
      invoiceId: allocation.invoiceId,
      invoiceNumber,
      amount: money(allocation.amountMinor, allocation.currency),
      allocatedOn: allocation.allocatedOn as IsoDate,
      source: allocation.source,
    })),
  };
}

/** What was applied to an invoice, oldest first: payments, the customer's credit, and reversals. */
export async function listInvoicePayments(ctx: ServiceContext, invoiceId: string): Promise<InvoicePaymentView[]> {
  const [invoice] = z.uuid().safeParse(invoiceId).success ? await ctx.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, invoiceId)) : [];
  if (!invoice) throw new NotFoundError('invoice', invoiceId);
  const rows = await ctx.db
    .select({ allocation: paymentAllocations, payment: { id: payments.id, number: payments.number, method: payments.method, receivedOn: payments.receivedOn } })
    .from(paymentAllocations)
    .leftJoin(payments, eq(payments.id, paymentAllocations.paymentId))
    .where(eq(paymentAllocations.invoiceId, invoiceId))
    .orderBy(asc(paymentAllocations.allocatedOn), asc(paymentAllocations.createdAt));
  return rows.map(({ allocation, payment }) => ({
    source: allocation.source,
    payment: payment ? { ...payment, receivedOn: payment.receivedOn as IsoDate } : null,
    amount: money(allocation.amountMinor, allocation.currency),
    allocatedOn: allocation.allocatedOn as IsoDate,
  }));
}

export interface InvoiceToPay {
  id: string;
  number: string;
  dueDate: IsoDate;
  open: Money;
}

/** The customer's invoices with money open, oldest due first: the order a payment settles them in. */
export async function invoicesToPay(ctx: ServiceContext, customerId: string): Promise<InvoiceToPay[]> {
  const customer = await getCustomerRecord(ctx, customerId);
  const open = await openInvoicesOf(ctx.db, customer.id, customer.currency);
  return open.map((invoice) => ({ id: invoice.invoiceId, number: invoice.number, dueDate: invoice.dueDate, open: money(invoice.openMinor, invoice.currency) }));
}
