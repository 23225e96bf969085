// A customer's ledger as staff and integrators read it: every journal entry that touched the
// customer's receivable, with all its lines, and the receivable balance after each entry.
import { asc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { receivableLinesOf } from '../../../db/records/receivables.js';
import { accounts, journalEntries, journalLines } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { getCustomerRecord } from '../customers/customer-directory.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type CursorPosition, type Page } from '../pagination.js';

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

/** Entries sort by (entry date, time booked, id); a cursor carries the first two as `date|timestamp`. */
const LEDGER_POSITION = new RegExp(`^\\d{4}-\\d{2}-\\d{2}\\|${TIMESTAMP_KEY.source.slice(1)}`);

function afterPosition(ordered: { entryDate: SQLWrapper; createdAt: SQLWrapper; id: SQLWrapper }, after: CursorPosition): SQL {
  const [entryDate, createdAt] = after.key.split('|');
  return sql`(${ordered.entryDate}, ${ordered.createdAt}, ${ordered.id}) > (${entryDate}::date, ${createdAt}::timestamptz, ${after.id}::uuid)`;
}

/** Oldest entry first, so the running balance reads down the page like a bank statement. */
export async function customerLedger(
  ctx: ServiceContext,
  customerId: string,
  query: z.input<typeof pageQuerySchema>,
): Promise<Page<LedgerEntryView>> {
  const { limit, cursor } = pageQuerySchema.parse(query);
  const { currency } = await getCustomerRecord(ctx, customerId);
  const after = decodeCursor(cursor, LEDGER_POSITION);

  // The running balance is a window over all of the customer's entries; the page is cut after.
  const receivable = ctx.db
    .select({
      entryId: journalLines.entryId,
      change: sql<string>`sum(${journalLines.amountMinor})`.as('change'),
    })
    .from(journalLines)
    .where(receivableLinesOf(customerId, currency))
    .groupBy(journalLines.entryId)
    .as('receivable');
  const ordered = ctx.db
    .select({
      id: journalEntries.id,
      entryDate: journalEntries.entryDate,
      description: journalEntries.description,
      sourceType: journalEntries.sourceType,
      sourceId: journalEntries.sourceId,
      createdAt: journalEntries.createdAt,
      createdAtKey: sql<string>`${journalEntries.createdAt}::text`.as('created_at_key'),
      change: sql<string>`${receivable.change}::text`.as('change_text'),
      running: sql<string>`(sum(${receivable.change}) over (order by ${journalEntries.entryDate}, ${journalEntries.createdAt}, ${journalEntries.id}))::text`.as('running'),
    })
    .from(journalEntries)
    .innerJoin(receivable, eq(receivable.entryId, journalEntries.id))
    .as('ordered');
  const rows = await ctx.db
    .select()
    .from(ordered)
    .where(after ? afterPosition(ordered, after) : undefined)
    .orderBy(asc(ordered.entryDate), asc(ordered.createdAt), asc(ordered.id))
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
    (row) => ({ key: `${row.entryDate}|${row.createdAtKey}`, id: row.id }),
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
