// Read side of invoices: a customer's invoices page by page, and one invoice with its lines,
// as the customer sees it.
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import type { InvoiceKind, InvoiceLineKind } from '../../../billing/invoice-lines.js';
import { money, sumMoney, type Money } from '../../../billing/money.js';
import { paymentStatusOf, type PaymentStatus } from '../../../billing/payments/payment-status.js';
import type { RangeDetail, UsageLineDetail } from '../../../billing/usage-lines.js';
import { openMinorSql } from '../../../db/records/invoice-balances.js';
import { customers, invoiceLines, invoices } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { creditedByInvoiceLine, listInvoiceCreditNotes, type CreditNoteSummary } from '../credit-notes/credit-note-records.js';
import { NotFoundError } from '../errors.js';
import { assertCustomerExists } from '../customers/customer-directory.js';
import { decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';

/** Invoices page by number, which sorts in issue order (INV-2026-000042). */
const INVOICE_NUMBER = /^[A-Z]+-\d{4}-\d+$/;

export interface InvoiceSummary {
  id: string;
  number: string;
  customerId: string;
  kind: InvoiceKind;
  status: 'issued' | 'paid' | 'void';
  issueDate: IsoDate;
  periodStart: IsoDate | null;
  periodEnd: IsoDate | null;
  /** The tax included in the total (zero on invoices without taxed lines). */
  tax: Money;
  total: Money;
  /** When it falls due: the issue date plus the customer's payment terms. */
  dueDate: IsoDate;
  /** What is still to pay on it, after payments, credit applied and credit notes. */
  amountOpen: Money;
  paymentStatus: PaymentStatus;
}

export interface InvoiceLineView {
  position: number;
  kind: InvoiceLineKind;
  description: string;
  quantity: string;
  unit: string | null;
  unitAmount: Money | null;
  /** The exact unit price in minor units when it is finer than a minor unit ("0.045"). */
  unitAmountDecimal: string | null;
  amount: Money;
  periodStart: IsoDate | null;
  periodEnd: IsoDate | null;
  /** How a stepped or volume line was priced, range by range. */
  ranges: RangeDetail[] | null;
  /** The catalog item of a one-off line. */
  itemId: string | null;
  /** Percent ("21"); null on lines that carry no tax. */
  taxRate: string | null;
  tax: Money;
  /** Net amount credit notes have taken back from this line so far. */
  credited: Money;
}

export interface InvoiceDocument extends InvoiceSummary {
  customer: { id: string; name: string; email: string };
  lines: InvoiceLineView[];
  /** What credit notes have taken back in all, tax included. */
  credited: Money;
  /** Oldest first. */
  creditNotes: CreditNoteSummary[];
}

type InvoiceRow = typeof invoices.$inferSelect;

function toSummary(row: InvoiceRow, openMinor: string): InvoiceSummary {
  // A void invoice asks for nothing, whatever was paid on it before.
  const open = row.status === 'void' ? 0n : BigInt(openMinor);
  return {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    kind: row.kind,
    status: row.status,
    issueDate: row.issueDate as IsoDate,
    periodStart: row.periodStart as IsoDate | null,
    periodEnd: row.periodEnd as IsoDate | null,
    tax: money(row.taxMinor, row.currency),
    total: money(row.totalMinor, row.currency),
    dueDate: row.dueDate as IsoDate,
    amountOpen: money(open, row.currency),
    paymentStatus: paymentStatusOf(row.totalMinor, open),
  };
}

/** A customer's invoices, newest first. Numbers are issued in order, so they sort by issue. */
export async function listCustomerInvoices(
  ctx: ServiceContext,
  customerId: string,
  query: z.input<typeof pageQuerySchema>,
): Promise<Page<InvoiceSummary>> {
  const { limit, cursor } = pageQuerySchema.parse(query);
  await assertCustomerExists(ctx, customerId);
  const after = decodeCursor(cursor, INVOICE_NUMBER);
  const rows = await ctx.db
    .select({ invoice: invoices, openMinor: openMinorSql() })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), after ? lt(invoices.number, after.key) : undefined))
    .orderBy(desc(invoices.number))
    .limit(limit + 1);
  return toPage(rows, limit, ({ invoice }) => ({ key: invoice.number, id: invoice.id }), ({ invoice, openMinor }) => toSummary(invoice, openMinor));
}

export async function getInvoice(ctx: ServiceContext, invoiceId: string): Promise<InvoiceDocument> {
  const [row] = z.uuid().safeParse(invoiceId).success
    ? await ctx.db
        .select({ invoice: invoices, openMinor: openMinorSql(), customer: { id: customers.id, name: customers.name, email: customers.email } })
        .from(invoices)
        .innerJoin(customers, eq(customers.id, invoices.customerId))
        .where(eq(invoices.id, invoiceId))
    : [];
  if (!row) throw new NotFoundError('invoice', invoiceId);
  const lines = await ctx.db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
  const currency = row.invoice.currency;
  const creditedByLine = await creditedByInvoiceLine(ctx, lines.map((line) => line.id));
  const creditNotes = await listInvoiceCreditNotes(ctx, invoiceId);
  return {
    ...toSummary(row.invoice, row.openMinor),
    customer: row.customer,
    credited: sumMoney(creditNotes.map((note) => note.total), currency),
    creditNotes,
    lines: lines.map((line) => ({
      position: line.position,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unit: line.unit,
      unitAmount: line.unitAmountMinor === null ? null : money(line.unitAmountMinor, currency),
      unitAmountDecimal: line.unitAmountDecimal,
      amount: money(line.amountMinor, currency),
      periodStart: line.periodStart as IsoDate | null,
      periodEnd: line.periodEnd as IsoDate | null,
      ranges: (line.detail as UsageLineDetail | null)?.ranges ?? null,
      itemId: line.itemId,
      taxRate: line.taxRate,
      tax: money(line.taxMinor, currency),
      credited: money(creditedByLine.get(line.id)?.net ?? 0n, currency),
    })),
  };
}
