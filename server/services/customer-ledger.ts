// A customer's ledger as staff and integrators read it: every journal entry that touched the
// customer's receivable, with all its lines, and the receivable balance after each entry.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { IsoDate } from '../../billing/calendar.js';
import { ACCOUNTS } from '../../billing/ledger.js';
import { money, type Money } from '../../billing/money.js';
import { accounts, customers, journalEntries, journalLines } from '../../db/schema.js';
import type { ServiceContext } from './context.js';
import { assertCustomerExists } from './invoice-records.js';
import { decodeCursor, pageQuerySchema, toPage, type Page } from './pagination.js';

export interface LedgerLineView {
  accountCode: string;
  accountName: string;
  /** Signed: a debit is positive, a credit negative. */
  amount: Money;
  memo: string | null;
}

export interface LedgerEntryView {
  id: string;
  entryDate: IsoDate;
  description: string;
  sourceType: string;
  sourceId: string;
  /** What this entry changed on the customer's receivable. */
  receivableChange: Money;
  /** What the customer owes after this entry. */
  runningBalance: Money;
  lines: LedgerLineView[];
}

/** Oldest entry first, so the running balance reads down the page like a bank statement. */
export async function customerLedger(
  ctx: ServiceContext,
  customerId: string,
  query: z.input<typeof pageQuerySchema>,
): Promise<Page<LedgerEntryView>> {
  const { limit, cursor } = pageQuerySchema.parse(query);
  await assertCustomerExists(ctx, customerId);
  const [customer] = await ctx.db.select({ currency: customers.currency }).from(customers).where(eq(customers.id, customerId));
  const currency = customer?.currency ?? 'XXX';
  const after = decodeCursor(cursor);

  // The running balance is a window over all of the customer's entries; the page is cut after.
  const receivable = ctx.db
    .select({
      entryId: journalLines.entryId,
      change: sql<string>`sum(${journalLines.amountMinor})`.as('change'),
    })
    .from(journalLines)
    .where(
      and(
        eq(journalLines.customerId, customerId),
        eq(journalLines.accountCode, ACCOUNTS.accountsReceivable),
        eq(journalLines.currency, currency),
      ),
    )
    .groupBy(journalLines.entryId)
    .as('receivable');
  const ordered = ctx.db
    .select({
      id: journalEntries.id,
      entryDate: journalEntries.entryDate,
      description: journalEntries.description,
      sourceType: journalEntries.sourceType,
      sourceId: journalEntries.sourceId,
      orderKey: sql<string>`${journalEntries.entryDate}::text || ' ' || ${journalEntries.createdAt}::text`.as('order_key'),
      change: sql<string>`${receivable.change}::text`.as('change_text'),
      running: sql<string>`(sum(${receivable.change}) over (order by ${journalEntries.entryDate}, ${journalEntries.createdAt}, ${journalEntries.id}))::text`.as('running'),
    })
    .from(journalEntries)
    .innerJoin(receivable, eq(receivable.entryId, journalEntries.id))
    .as('ordered');
  const rows = await ctx.db
    .select()
    .from(ordered)
    .where(after ? sql`(${ordered.orderKey}, ${ordered.id}) > (${after.key}, ${after.id}::uuid)` : undefined)
    .orderBy(asc(ordered.orderKey), asc(ordered.id))
    .limit(limit + 1);

  const pageIds = rows.slice(0, limit).map((row) => row.id);
  const lines = pageIds.length
    ? await ctx.db
        .select({ line: journalLines, accountName: accounts.name })
        .from(journalLines)
        .innerJoin(accounts, eq(accounts.code, journalLines.accountCode))
        .where(inArray(journalLines.entryId, pageIds))
        .orderBy(asc(journalLines.id))
    : [];

  return toPage(
    rows,
    limit,
    (row) => ({ key: row.orderKey, id: row.id }),
    (row) => ({
      id: row.id,
      entryDate: row.entryDate as IsoDate,
      description: row.description,
      sourceType: row.sourceType,
      sourceId: row.sourceId,
      receivableChange: money(row.change, currency),
      runningBalance: money(row.running, currency),
      lines: lines
        .filter(({ line }) => line.entryId === row.id)
        .map(({ line, accountName }) => ({
          accountCode: line.accountCode,
          accountName,
          amount: money(line.amountMinor, line.currency),
          memo: line.memo,
        })),
    }),
  );
}
