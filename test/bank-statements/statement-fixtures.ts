// What the bank statement tests share: a service context on a test database, customers with
// invoices issued and booked as billing books them, and the books read back the way staff check them.
import { and, eq, sql } from 'drizzle-orm';
import { planChargeLine } from '../../billing/invoice-lines.js';
import { invoicePosting } from '../../billing/ledger.js';
import { money } from '../../billing/money.js';
import type { Database } from '../../db/client.js';
import { nextInvoiceNumber } from '../../db/records/document-numbers.js';
import { invoiceBalance } from '../../db/records/invoice-balances.js';
import { postJournalEntry } from '../../db/records/journal-entries.js';
import { customers, invoiceLines, invoices, journalLines, payments } from '../../db/schema.js';
import { trialBalance } from '../../server/services/books/trial-balance.js';
import type { ServiceContext } from '../../server/services/context.js';

/** The bank statement services never reach Temporal: payments hand their facts off through the outbox. */
export function statementContext(db: Database): ServiceContext {
  return { db, temporal: undefined as unknown as ServiceContext['temporal'] };
}

export async function newCustomer(db: Database, name: string, currency = 'EUR') {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@bank.test`;
  const [customer] = await db.insert(customers).values({ name, email, currency, status: 'active' }).returning();
  return customer!;
}

/** An invoice of one plan line, stored and booked to receivables as issuing one does. */
export async function issueInvoice(db: Database, customerId: string, amountMinor: bigint, issueDate: string, currency = 'EUR') {
  const period = { start: issueDate, end: issueDate.replace(/-(\d{2})$/, (_, day: string) => `-${String(Number(day) + 1).padStart(2, '0')}`) };
  const line = planChargeLine({ name: 'Fibre 100', amount: money(amountMinor, currency), revenueAccountCode: '4000' }, { ...period, cycle: period });
  return db.transaction(async (tx) => {
    const number = await nextInvoiceNumber(tx, Number(issueDate.slice(0, 4)));
    const [stored] = await tx
      .insert(invoices)
      .values({ number, customerId, kind: 'one_off', issueDate, dueDate: issueDate, currency, totalMinor: amountMinor })
      .returning();
    await tx.insert(invoiceLines).values({
      invoiceId: stored!.id,
      position: 0,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unit: line.unit,
      unitAmountMinor: line.unitAmount?.amountMinor ?? null,
      amountMinor: line.amount.amountMinor,
      revenueAccountCode: line.revenueAccountCode,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
    });
    await postJournalEntry(tx, invoicePosting({ customerId, invoiceNumber: number, lines: [line] }), { type: 'invoice', id: stored!.id }, issueDate);
    return { id: stored!.id, number };
  });
}

/** What is still open on the invoice, in minor units. */
export async function openOn(db: Database, invoiceId: string): Promise<bigint> {
  return (await invoiceBalance(db, invoiceId))!.openMinor;
}

/** Every currency's debits equal its credits: the books balance. */
export async function expectBooksBalance(ctx: ServiceContext, expect: (value: unknown) => { toEqual(expected: unknown): void }) {
  const books = await trialBalance(ctx, { asOf: '2099-12-31' });
  expect(books.totals.map((total) => [total.currency, total.debits.amountMinor - total.credits.amountMinor])).toEqual(
    books.totals.map((total) => [total.currency, 0n]),
  );
}

/** The balance of an account (debits minus credits) in a currency, from the journal lines. */
export async function accountBalance(db: Database, accountCode: string, currency = 'EUR'): Promise<bigint> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)::text` })
    .from(journalLines)
    .where(and(eq(journalLines.accountCode, accountCode), eq(journalLines.currency, currency)));
  return BigInt(row?.total ?? '0');
}

export async function paymentCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(payments);
  return row?.n ?? 0;
}
