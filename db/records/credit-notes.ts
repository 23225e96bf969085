// Issuing a credit note against an invoice, inside the caller's transaction: the invoice row is
// locked so two credit notes at once cannot both take back the same remainder, the amounts are
// planned by billing/credit-note-lines.ts, the number comes from the gapless 'CN' series, and one
// balanced journal entry reverses the matching postings.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { isoDateParts, maxIsoDate, type IsoDate } from '../../billing/calendar.js';
import { planCredit, type CreditableLine, type CreditRequest, type CreditProblem } from '../../billing/credit-note-lines.js';
import { money, type Money } from '../../billing/money.js';
import { withExcessAsCredit } from '../../billing/payments/payment-postings.js';
import { creditNotePosting, saleTotals } from '../../billing/sale-posting.js';
import { creditNoteLines, creditNotes, invoiceLines, invoices } from '../schema.js';
import { nextCreditNoteNumber } from './document-numbers.js';
import { postJournalEntry } from './journal-entries.js';
import { handOffAccountFact } from './handoffs.js';
import { invoiceBalance } from './invoice-balances.js';
import type { Transaction } from './transaction.js';

export interface CreditNoteToIssue {
  creditNoteId: string;
  invoiceId: string;
  reason: string;
  /** The lines and net amounts to take back; the whole remainder of the invoice when omitted. */
  lines?: CreditRequest[];
  /** The day it is issued; never earlier than the invoice it credits. */
  issueDate: IsoDate;
}

export type CreditNoteIssue =
  | { ok: true; creditNoteId: string; number: string; customerId: string; total: Money; tax: Money }
  | { ok: false; reason: 'invoice-not-found' }
  | { ok: false; reason: 'refused'; invoiceNumber: string; problems: CreditProblem[]; nothingLeft: boolean };

export async function issueCreditNote(tx: Transaction, input: CreditNoteToIssue): Promise<CreditNoteIssue> {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, input.invoiceId)).for('update');
  if (!invoice) return { ok: false, reason: 'invoice-not-found' };
  const creditable = await creditableLines(tx, invoice.id, invoice.currency);
  const plan = planCredit(creditable, input.lines);
  if (!plan.ok) return { ok: false, reason: 'refused', invoiceNumber: invoice.number, problems: plan.problems, nothingLeft: plan.nothingLeft };

  const issueDate = maxIsoDate(input.issueDate, invoice.issueDate);
  const { net, tax, total } = saleTotals(plan.lines, invoice.currency);
  // Read before this credit note exists: what it takes back beyond that becomes customer credit.
  const openBefore = (await invoiceBalance(tx, invoice.id))?.openMinor ?? 0n;
  const excess = money(total.amountMinor > openBefore ? total.amountMinor - openBefore : 0n, invoice.currency);
  // Taken last: the series stays locked from here to commit.
  const number = await nextCreditNoteNumber(tx, isoDateParts(issueDate).year);
  await tx.insert(creditNotes).values({
    id: input.creditNoteId,
    number,
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    reason: input.reason,
    issueDate,
    currency: invoice.currency,
    netMinor: net.amountMinor,
    taxMinor: tax.amountMinor,
    totalMinor: total.amountMinor,
  });
  const lineIdByPosition = new Map(creditable.map((line) => [line.position, line.id]));
  await tx.insert(creditNoteLines).values(
    plan.lines.map((line, position) => ({
      creditNoteId: input.creditNoteId,
      invoiceLineId: lineIdByPosition.get(line.position)!,
      position,
      description: line.description,
      amountMinor: line.net.amountMinor,
      taxMinor: line.tax.amountMinor,
      revenueAccountCode: line.revenueAccountCode,
    })),
  );
  const posting = withExcessAsCredit(
    creditNotePosting({ customerId: invoice.customerId, creditNoteNumber: number, invoiceNumber: invoice.number, lines: plan.lines }),
    invoice.customerId,
    excess,
  );
  await postJournalEntry(tx, posting, { type: 'credit_note', id: input.creditNoteId }, issueDate);
  // Last, after the number series: the account's hand-off sequence stays locked only until commit.
  await handOffAccountFact(tx, invoice.customerId, { kind: 'document-posted', document: 'credit-note', documentId: input.creditNoteId });
  return { ok: true, creditNoteId: input.creditNoteId, number, customerId: invoice.customerId, total, tax };
}

/** The invoice's lines with what earlier credit notes took back from each. */
async function creditableLines(tx: Transaction, invoiceId: string, currency: string): Promise<(CreditableLine & { id: string })[]> {
  const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position));
  const credited = lines.length === 0
    ? []
    : await tx
        .select({
          invoiceLineId: creditNoteLines.invoiceLineId,
          net: sql<string>`sum(${creditNoteLines.amountMinor})::text`,
          tax: sql<string>`sum(${creditNoteLines.taxMinor})::text`,
        })
        .from(creditNoteLines)
        .where(inArray(creditNoteLines.invoiceLineId, lines.map((line) => line.id)))
        .groupBy(creditNoteLines.invoiceLineId);
  const creditedByLine = new Map(credited.map((row) => [row.invoiceLineId, row]));
  return lines.map((line) => ({
    id: line.id,
    position: line.position,
    description: line.description,
    revenueAccountCode: line.revenueAccountCode,
    net: money(line.amountMinor, currency),
    tax: money(line.taxMinor, currency),
    creditedNet: money(creditedByLine.get(line.id)?.net ?? '0', currency),
    creditedTax: money(creditedByLine.get(line.id)?.tax ?? '0', currency),
  }));
}
