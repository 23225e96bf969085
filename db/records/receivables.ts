import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import { ACCOUNTS } from '../../billing/ledger.js';
import { money, type Money } from '../../billing/money.js';
import type { Database } from '../client.js';
import { journalLines } from '../schema.js';

/**
 * The ledger lines that make up what a customer owes: their accounts-receivable lines in their
 * currency. Takes values or columns, so it also serves correlated subqueries.
 */
export function receivableLinesOf(customerId: string | Column, currency: string | Column): SQL | undefined {
  return and(
    eq(journalLines.customerId, customerId),
    eq(journalLines.accountCode, ACCOUNTS.accountsReceivable),
    eq(journalLines.currency, currency),
  );
}

/** What the customer owes, read from the ledger: the sum of their accounts-receivable lines. */
export async function customerBalance(db: Database, customerId: string, currency: string): Promise<Money> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)::text` })
    .from(journalLines)
    .where(receivableLinesOf(customerId, currency));
  return money(row?.total ?? '0', currency);
}
