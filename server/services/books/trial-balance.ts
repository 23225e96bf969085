// The trial balance: every account's debits and credits as posted, per currency, up to a date.
// Read straight from the journal lines, so it always agrees with the ledger; the debits and the
// credits of each currency are equal because every entry balances.
import { asc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { accounts, journalEntries, journalLines } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../errors.js';
import { isoDate, today } from '../subscriptions/subscriptions.js';

export const trialBalanceQuerySchema = z.object({
  /** Entries dated after this day are left out; today when absent. */
  asOf: isoDate.optional(),
});

export interface TrialBalanceRow {
  accountCode: string;
  accountName: string;
  accountType: string;
  /** The sum of the debit lines, a positive amount (or zero). */
  debits: Money;
  /** The sum of the credit lines, as a positive amount (or zero). */
  credits: Money;
  /** Debits minus credits: positive is a debit balance, negative a credit balance. */
  balance: Money;
}

export interface TrialBalanceTotal {
  currency: string;
  debits: Money;
  credits: Money;
}

export interface TrialBalance {
  asOf: IsoDate;
  /** By currency, then account code. */
  rows: TrialBalanceRow[];
  /** One per currency: debits equal credits when the books balance. */
  totals: TrialBalanceTotal[];
}

export async function trialBalance(ctx: ServiceContext, query: z.input<typeof trialBalanceQuerySchema> = {}): Promise<TrialBalance> {
  const asOf = parseInput(trialBalanceQuerySchema, query).asOf ?? today();
  const found = await ctx.db
    .select({
      accountCode: accounts.code,
      accountName: accounts.name,
      accountType: accounts.type,
      currency: journalLines.currency,
      debits: sql<string>`coalesce(sum(${journalLines.amountMinor}) filter (where ${journalLines.amountMinor} > 0), 0)::text`,
      credits: sql<string>`coalesce(-sum(${journalLines.amountMinor}) filter (where ${journalLines.amountMinor} < 0), 0)::text`,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .innerJoin(accounts, eq(accounts.code, journalLines.accountCode))
    .where(lte(journalEntries.entryDate, asOf))
    .groupBy(accounts.code, accounts.name, accounts.type, journalLines.currency)
    .orderBy(asc(journalLines.currency), asc(accounts.code));

  const rows = found.map((row) => {
    const debits = BigInt(row.debits);
    const credits = BigInt(row.credits);
    return {
      accountCode: row.accountCode,
      accountName: row.accountName,
      accountType: row.accountType,
      debits: money(debits, row.currency),
      credits: money(credits, row.currency),
      balance: money(debits - credits, row.currency),
    };
  });

  const totals = new Map<string, { debits: bigint; credits: bigint }>();
  for (const row of rows) {
    const total = totals.get(row.debits.currency) ?? { debits: 0n, credits: 0n };
    total.debits += row.debits.amountMinor;
    total.credits += row.credits.amountMinor;
    totals.set(row.debits.currency, total);
  }
  return {
    asOf,
    rows,
    totals: [...totals].map(([currency, total]) => ({ currency, debits: money(total.debits, currency), credits: money(total.credits, currency) })),
  };
}
