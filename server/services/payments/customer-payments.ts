// The customer's own payments, for the portal: each with the invoices it paid, and one payment as
// its receipt. Another customer's payment is not found, exactly like one that does not exist.
import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { paymentMethodLabel } from '../../../billing/payments/payment-methods.js';
import { invoices, paymentAllocations, payments } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { getPayment, type PaymentDocument } from './payment-records.js';

export interface CustomerPaymentRow {
  id: string;
  receiptNumber: string;
  receivedOn: IsoDate;
  /** "Visa ending 4242", "Bank transfer". */
  methodLabel: string;
  amount: Money;
  /** The invoices it paid when it was recorded, by number. */
  invoicesPaid: { id: string; number: string }[];
}

/** How many of the newest payments the page lists; older ones are on the statement. */
export const CUSTOMER_PAYMENTS_SHOWN = 100;

export async function customerPaymentHistory(ctx: ServiceContext, customerId: string): Promise<CustomerPaymentRow[]> {
  const rows = await ctx.db
    .select()
    .from(payments)
    .where(eq(payments.customerId, customerId))
    .orderBy(desc(payments.receivedOn), desc(payments.number))
    .limit(CUSTOMER_PAYMENTS_SHOWN);
  const paid = rows.length
    ? await ctx.db
        .selectDistinct({ paymentId: paymentAllocations.paymentId, id: invoices.id, number: invoices.number })
        .from(paymentAllocations)
        .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
        .where(and(inArray(paymentAllocations.paymentId, rows.map((row) => row.id)), eq(paymentAllocations.source, 'payment'), gt(paymentAllocations.amountMinor, 0n)))
        .orderBy(invoices.number)
    : [];
  return rows.map((row) => ({
    id: row.id,
    receiptNumber: row.number,
    receivedOn: row.receivedOn as IsoDate,
    methodLabel: paymentMethodLabel(row.method, { brand: row.cardBrand, last4: row.cardLast4 }),
    amount: money(row.amountMinor, row.currency),
    invoicesPaid: paid.filter((invoice) => invoice.paymentId === row.id).map(({ id, number }) => ({ id, number })),
  }));
}

/** One of the customer's payments with what it paid, for its receipt. */
export async function customerPaymentReceipt(ctx: ServiceContext, customerId: string, paymentId: string): Promise<PaymentDocument> {
  const payment = await getPayment(ctx, paymentId);
  if (payment.customerId !== customerId) throw new NotFoundError('payment', paymentId);
  return payment;
}
