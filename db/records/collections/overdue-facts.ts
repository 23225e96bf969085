// What collections act on, read from the books at the moment of each evaluation: what is overdue
// net of the money the customer already has with us (customer credit, receipts not yet allocated),
// the whole receivable, and the earliest due date still unpaid. Nothing here is stored: a payment
// or a credit note changes the answer the next time it is read.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { compareIsoDate, type IsoDate } from '../../../billing/calendar.js';
import { ACCOUNTS } from '../../../billing/ledger.js';
import { isOverdue } from '../../../billing/payments/payment-status.js';
import type { Database } from '../../client.js';
import { customers, invoices, journalLines } from '../../schema.js';
import { openInvoicesOf } from '../invoice-balances.js';
import type { Transaction } from '../transaction.js';

type Reader = Database | Transaction;

export interface OverdueInvoice {
  invoiceId: string;
  number: string;
  kind: string;
  dueDate: IsoDate;
  openMinor: bigint;
}

export interface OverdueFacts {
  customerId: string;
  currency: string;
  /** Overdue on `today`, less the customer's credit and unallocated receipts; never below zero. */
  overdueMinor: bigint;
  /** Everything open (due or not), less the same money held for the customer; may be zero or less. */
  receivableMinor: bigint;
  /** Money the customer has with us not yet set against an invoice (credit and unallocated receipts). */
  heldMinor: bigint;
  /** The earliest due date among the overdue invoices; null when nothing is overdue. */
  earliestUnpaidDueDate: IsoDate | null;
  /** The earliest due date among open invoices not yet overdue: the day after it, they may be. */
  nextDueDate: IsoDate | null;
  overdueInvoices: OverdueInvoice[];
}

/** Money held for the customer: customer credit (2100) and receipts booked to them unallocated (2300). */
async function heldForCustomer(db: Reader, customerId: string, currency: string): Promise<bigint> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)::text` })
    .from(journalLines)
    .where(
      and(
        eq(journalLines.customerId, customerId),
        eq(journalLines.currency, currency),
        sql`${journalLines.accountCode} in (${ACCOUNTS.customerCredit}, ${ACCOUNTS.unallocatedReceipts})`,
      ),
    );
  // Liabilities carry credit balances, negative in signed lines: what we owe the customer.
  return -BigInt(row?.total ?? '0');
}

export async function overdueFacts(db: Reader, customerId: string, today: IsoDate): Promise<OverdueFacts> {
  const [customer] = await db.select({ currency: customers.currency }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new Error(`Customer ${customerId} does not exist`);
  const { currency } = customer;
  const open = await openInvoicesOf(db, customerId, currency);
  const overdue = open.filter((invoice) => isOverdue(invoice.dueDate, invoice.openMinor, today));
  const notYetDue = open.filter((invoice) => !isOverdue(invoice.dueDate, invoice.openMinor, today));
  const kinds = new Map(
    overdue.length === 0
      ? []
      : (await db.select({ id: invoices.id, kind: invoices.kind }).from(invoices).where(inArray(invoices.id, overdue.map((invoice) => invoice.invoiceId)))).map(
          (row) => [row.id, row.kind],
        ),
  );
  const held = await heldForCustomer(db, customerId, currency);
  const overdueOpen = overdue.reduce((sum, invoice) => sum + invoice.openMinor, 0n);
  const allOpen = open.reduce((sum, invoice) => sum + invoice.openMinor, 0n);
  const overdueNet = overdueOpen - (held > 0n ? held : 0n);
  return {
    customerId,
    currency,
    overdueMinor: overdueNet > 0n ? overdueNet : 0n,
    receivableMinor: allOpen - held,
    heldMinor: held,
    earliestUnpaidDueDate: overdue.map((invoice) => invoice.dueDate).sort(compareIsoDate)[0] ?? null,
    nextDueDate: notYetDue.map((invoice) => invoice.dueDate).sort(compareIsoDate)[0] ?? null,
    overdueInvoices: overdue.map((invoice) => ({
      invoiceId: invoice.invoiceId,
      number: invoice.number,
      kind: kinds.get(invoice.invoiceId) ?? 'one_off',
      dueDate: invoice.dueDate,
      openMinor: invoice.openMinor,
    })),
  };
}
