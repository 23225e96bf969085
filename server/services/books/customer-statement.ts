// A customer's statement for a period: what they owed before it, every entry on their receivable
// within it with the balance after each, and what they owed at its end. It is cut from the
// customer's ledger (customer-ledger.ts), so its balances are the ledger's own running balances.
import { z } from 'zod';
import { compareIsoDate, type IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import type { ServiceContext } from '../context.js';
import { getCustomerRecord } from '../customers/customer-directory.js';
import { customerLedger, type LedgerEntryView } from './customer-ledger.js';
import { parseInput } from '../errors.js';
import { isoDate, today } from '../subscriptions/subscriptions.js';

export const statementQuerySchema = z
  .object({
    /** First day of the statement; without it the statement starts with the customer's first entry. */
    from: isoDate.optional(),
    /** Last day of the statement, included; today when absent. */
    to: isoDate.optional(),
  })
  .refine(({ from, to }) => from === undefined || to === undefined || compareIsoDate(from, to) <= 0, {
    message: 'must be on or before to',
    path: ['from'],
  });

export interface CustomerStatement {
  customerId: string;
  currency: string;
  /** Null when the statement starts with the customer's first entry. */
  from: IsoDate | null;
  to: IsoDate;
  /** What the customer owed at the start of `from`. */
  openingBalance: Money;
  /** Oldest first; each with its receivable change and the balance after it. */
  entries: LedgerEntryView[];
  /** What the customer owed at the end of `to`. */
  closingBalance: Money;
}

const LEDGER_PAGE = 100;

export async function customerStatement(
  ctx: ServiceContext,
  customerId: string,
  query: z.input<typeof statementQuerySchema>,
): Promise<CustomerStatement> {
  const { from, to: givenTo } = parseInput(statementQuerySchema, query);
  const to = givenTo ?? today();
  const { currency } = await getCustomerRecord(ctx, customerId);

  let openingBalance = money(0n, currency);
  const entries: LedgerEntryView[] = [];
  let cursor: string | undefined;
  // Walks the ledger oldest first and stops after the last entry dated within the statement.
  for (;;) {
    const page = await customerLedger(ctx, customerId, { limit: LEDGER_PAGE, cursor });
    for (const entry of page.items) {
      if (compareIsoDate(entry.entryDate, to) > 0) return statementOf(entries, openingBalance);
      if (from !== undefined && compareIsoDate(entry.entryDate, from) < 0) openingBalance = entry.runningBalance;
      else entries.push(entry);
    }
    if (!page.nextCursor) return statementOf(entries, openingBalance);
    cursor = page.nextCursor;
  }

  function statementOf(within: LedgerEntryView[], opening: Money): CustomerStatement {
    return {
      customerId,
      currency,
      from: from ?? null,
      to,
      openingBalance: opening,
      entries: within,
      closingBalance: within.at(-1)?.runningBalance ?? opening,
    };
  }
}
