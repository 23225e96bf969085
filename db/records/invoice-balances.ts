// What is still open on invoices: the total, less what payments and customer credit settled
// (allocations, net of refunds), less what credit notes took back; never below zero (a credit
// note beyond what was open became customer credit when it was issued).
import { and, asc, eq, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../billing/calendar.js';
import type { OpenInvoice } from '../../billing/payments/payment-allocation.js';
import { paymentStatusOf, type PaymentStatus } from '../../billing/payments/payment-status.js';
import type { Database } from '../client.js';
import { creditNotes, invoices, paymentAllocations } from '../schema.js';
import type { Transaction } from './transaction.js';

type Reader = Database | Transaction;

/** Settled on an invoice by allocations up to `asOf` (all when omitted). */
function allocatedSql(asOf?: IsoDate): SQL<string> {
  const dated = asOf ? sql` and ${paymentAllocations.allocatedOn} <= ${asOf}` : sql``;
  return sql<string>`coalesce((select sum(${paymentAllocations.amountMinor}) from ${paymentAllocations} where ${paymentAllocations.invoiceId} = ${invoices.id}${dated}), 0)`;
}

function creditedSql(asOf?: IsoDate): SQL<string> {
  const dated = asOf ? sql` and ${creditNotes.issueDate} <= ${asOf}` : sql``;
  return sql<string>`coalesce((select sum(${creditNotes.totalMinor}) from ${creditNotes} where ${creditNotes.invoiceId} = ${invoices.id}${dated}), 0)`;
}

/** The open amount of each invoice as SQL, for lists and reports: `greatest(total - settled - credited, 0)`. */
export function openMinorSql(asOf?: IsoDate): SQL<string> {
  return sql<string>`greatest(${invoices.totalMinor} - ${allocatedSql(asOf)} - ${creditedSql(asOf)}, 0)::text`;
}

export interface InvoiceBalance {
  invoiceId: string;
  number: string;
  customerId: string;
  currency: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  totalMinor: bigint;
  openMinor: bigint;
  paymentStatus: PaymentStatus;
}

function balanceQuery(db: Reader, where: SQL | undefined, asOf?: IsoDate) {
  return db
    .select({
      invoiceId: invoices.id,
      number: invoices.number,
      customerId: invoices.customerId,
      currency: invoices.currency,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      totalMinor: invoices.totalMinor,
      openMinor: openMinorSql(asOf),
    })
    .from(invoices)
    .where(and(ne(invoices.status, 'void'), where, asOf ? lte(invoices.issueDate, asOf) : undefined))
    .orderBy(asc(invoices.dueDate), asc(invoices.issueDate), asc(invoices.number));
}

function withStatus(row: Omit<InvoiceBalance, 'openMinor' | 'paymentStatus'> & { openMinor: string }): InvoiceBalance {
  const openMinor = BigInt(row.openMinor);
  return { ...row, openMinor, paymentStatus: paymentStatusOf(row.totalMinor, openMinor) };
}

export async function invoiceBalances(db: Reader, invoiceIds: readonly string[], asOf?: IsoDate): Promise<InvoiceBalance[]> {
  if (invoiceIds.length === 0) return [];
  return (await balanceQuery(db, inArray(invoices.id, [...invoiceIds]), asOf)).map(withStatus);
}

export async function invoiceBalance(db: Reader, invoiceId: string, asOf?: IsoDate): Promise<InvoiceBalance | null> {
  return (await invoiceBalances(db, [invoiceId], asOf))[0] ?? null;
}

/** Every invoice of the customer with money still open, oldest due first. */
export async function openInvoicesOf(db: Reader, customerId: string, currency: string, asOf?: IsoDate): Promise<(InvoiceBalance & OpenInvoice)[]> {
  const rows = await balanceQuery(db, and(eq(invoices.customerId, customerId), eq(invoices.currency, currency)), asOf);
  return rows.map(withStatus).filter((row) => row.openMinor > 0n);
}

/** All the customer's invoices with their payment status, newest first. */
export async function customerInvoiceBalances(db: Reader, customerId: string): Promise<InvoiceBalance[]> {
  const rows = (await balanceQuery(db, eq(invoices.customerId, customerId))).map(withStatus);
  return rows.reverse();
}
