// Read side of credit notes: one credit note with its lines, and the credit notes of an invoice.
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { creditNoteLines, creditNotes, customers, invoiceLines, invoices } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';

export interface CreditNoteSummary {
  id: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  reason: string;
  issueDate: IsoDate;
  /** Positive: what is taken back, net, tax and total. */
  net: Money;
  tax: Money;
  total: Money;
  createdAt: Date;
}

export interface CreditNoteLineView {
  position: number;
  /** The position of the invoice line it takes back from. */
  invoiceLinePosition: number;
  description: string;
  amount: Money;
  tax: Money;
  revenueAccountCode: string;
}

export interface CreditNoteDocument extends CreditNoteSummary {
  customer: { id: string; name: string; email: string };
  lines: CreditNoteLineView[];
}

type CreditNoteRow = typeof creditNotes.$inferSelect;

function toSummary(row: CreditNoteRow, invoiceNumber: string): CreditNoteSummary {
  return {
    id: row.id,
    number: row.number,
    invoiceId: row.invoiceId,
    invoiceNumber,
    customerId: row.customerId,
    reason: row.reason,
    issueDate: row.issueDate as IsoDate,
    net: money(row.netMinor, row.currency),
    tax: money(row.taxMinor, row.currency),
    total: money(row.totalMinor, row.currency),
    createdAt: row.createdAt,
  };
}

/** With `scope`, only that customer's credit note: another's is reported as not found. */
export async function getCreditNote(ctx: ServiceContext, creditNoteId: string, scope?: { customerId: string }): Promise<CreditNoteDocument> {
  const [row] = z.uuid().safeParse(creditNoteId).success
    ? await ctx.db
        .select({ note: creditNotes, invoiceNumber: invoices.number, customer: { id: customers.id, name: customers.name, email: customers.email } })
        .from(creditNotes)
        .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
        .innerJoin(customers, eq(customers.id, creditNotes.customerId))
        .where(eq(creditNotes.id, creditNoteId))
    : [];
  if (!row || (scope && row.note.customerId !== scope.customerId)) throw new NotFoundError('credit note', creditNoteId);
  const lines = await ctx.db
    .select({ line: creditNoteLines, invoiceLinePosition: invoiceLines.position })
    .from(creditNoteLines)
    .innerJoin(invoiceLines, eq(invoiceLines.id, creditNoteLines.invoiceLineId))
    .where(eq(creditNoteLines.creditNoteId, creditNoteId))
    .orderBy(asc(creditNoteLines.position));
  const currency = row.note.currency;
  return {
    ...toSummary(row.note, row.invoiceNumber),
    customer: row.customer,
    lines: lines.map(({ line, invoiceLinePosition }) => ({
      position: line.position,
      invoiceLinePosition,
      description: line.description,
      amount: money(line.amountMinor, currency),
      tax: money(line.taxMinor, currency),
      revenueAccountCode: line.revenueAccountCode,
    })),
  };
}

/** An invoice's credit notes, oldest first (numbers are issued in order). */
export async function listInvoiceCreditNotes(ctx: ServiceContext, invoiceId: string): Promise<CreditNoteSummary[]> {
  const [invoice] = z.uuid().safeParse(invoiceId).success
    ? await ctx.db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, invoiceId))
    : [];
  if (!invoice) throw new NotFoundError('invoice', invoiceId);
  const rows = await ctx.db.select().from(creditNotes).where(eq(creditNotes.invoiceId, invoiceId)).orderBy(asc(creditNotes.number));
  return rows.map((row) => toSummary(row, invoice.number));
}

/** Net and tax credited so far on each line of some invoices, by invoice line id. */
export async function creditedByInvoiceLine(ctx: ServiceContext, invoiceLineIds: string[]): Promise<Map<string, { net: bigint; tax: bigint }>> {
  if (invoiceLineIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ invoiceLineId: creditNoteLines.invoiceLineId, amountMinor: creditNoteLines.amountMinor, taxMinor: creditNoteLines.taxMinor })
    .from(creditNoteLines)
    .where(inArray(creditNoteLines.invoiceLineId, invoiceLineIds));
  const sums = new Map<string, { net: bigint; tax: bigint }>();
  for (const row of rows) {
    const sum = sums.get(row.invoiceLineId) ?? { net: 0n, tax: 0n };
    sums.set(row.invoiceLineId, { net: sum.net + row.amountMinor, tax: sum.tax + row.taxMinor });
  }
  return sums;
}
