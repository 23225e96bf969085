// The chart of accounts: the accounts journal lines post to, editable by staff. Postings name an
// account by its code, so the code never changes; the name always may; the type only while
// nothing depends on it (see updateAccount).
import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ACCOUNTS } from '../../../billing/ledger.js';
import { money, type Money } from '../../../billing/money.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { accounts, items, journalLines, plans, rates } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

const ACCOUNT_CODE = /^\d{3,6}$/;

export const newAccountSchema = z.object({
  code: z.string().trim().regex(ACCOUNT_CODE, 'must be 3 to 6 digits, such as 4200'),
  name: z.string().trim().min(1, 'is required').max(120),
  type: z.enum(ACCOUNT_TYPES, `must be one of ${ACCOUNT_TYPES.join(', ')}`),
});

/** What can change on an account: never its code, which postings refer to. */
export const accountUpdateSchema = newAccountSchema.omit({ code: true }).partial();

export type Account = typeof accounts.$inferSelect;

/** An account with what has been posted to it: per currency, debits positive and credits negative. */
export interface AccountWithBalances extends Account {
  balances: Money[];
}

/** The accounts billing/ledger.ts posts to: their type is part of how the books are kept. */
const LEDGER_ACCOUNT_CODES: ReadonlySet<string> = new Set(Object.values(ACCOUNTS));

export async function createAccount(ctx: ServiceContext, input: unknown): Promise<AccountWithBalances> {
  const account = parseInput(newAccountSchema, input);
  try {
    const [created] = await ctx.db.insert(accounts).values(account).returning();
    if (!created) throw new Error('account was not stored');
    return { ...created, balances: [] };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError([{ field: 'code', message: `an account with the code ${account.code} already exists` }]);
    throw error;
  }
}

/** The whole chart, by code, each account with its posted balance per currency. */
export async function listAccounts(ctx: ServiceContext): Promise<AccountWithBalances[]> {
  const [rows, sums] = await Promise.all([
    ctx.db.select().from(accounts).orderBy(asc(accounts.code)),
    postedBalances(ctx),
  ]);
  return rows.map((account) => ({ ...account, balances: sums.get(account.code) ?? [] }));
}

export async function getAccount(ctx: ServiceContext, code: string): Promise<AccountWithBalances> {
  const [account] = ACCOUNT_CODE.test(code) ? await ctx.db.select().from(accounts).where(eq(accounts.code, code)) : [];
  if (!account) throw new NotFoundError('account', code);
  return { ...account, balances: (await postedBalances(ctx, code)).get(code) ?? [] };
}

/**
 * Renames an account, or changes its type while nothing depends on it: once journal lines are
 * posted to it, a new type would reclassify that history; the ledger's own accounts and the
 * revenue accounts of plans, rates and items keep the type the postings assume.
 */
export async function updateAccount(ctx: ServiceContext, code: string, input: unknown): Promise<AccountWithBalances> {
  const changes = parseInput(accountUpdateSchema, input);
  const account = await getAccount(ctx, code);
  if (changes.name === undefined && changes.type === undefined) return account;
  const updated = await ctx.db.transaction(async (tx) => {
    // Locking the account holds off new journal lines, plans and rates naming it (their foreign
    // keys need a share lock on it) until this change commits, so the checks below stay true.
    await tx.select({ code: accounts.code }).from(accounts).where(eq(accounts.code, code)).for('update');
    if (changes.type !== undefined && changes.type !== account.type) {
      const reason = await typeLockedBecause(tx, code);
      if (reason) throw new ValidationError([{ field: 'type', message: `cannot change: ${reason}` }]);
    }
    const [row] = await tx
      .update(accounts)
      .set({
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.type === undefined ? {} : { type: changes.type }),
      })
      .where(eq(accounts.code, code))
      .returning();
    if (!row) throw new NotFoundError('account', code);
    return row;
  });
  return { ...updated, balances: account.balances };
}

type Queryable = Pick<ServiceContext['db'], 'select'>;

async function typeLockedBecause(db: Queryable, code: string): Promise<string | undefined> {
  if (LEDGER_ACCOUNT_CODES.has(code)) return 'the ledger posts to this account as it is';
  const any = (rows: { n: number }[]) => (rows[0]?.n ?? 0) > 0;
  if (any(await db.select({ n: count() }).from(journalLines).where(eq(journalLines.accountCode, code)))) return 'journal lines are posted to this account';
  if (any(await db.select({ n: count() }).from(plans).where(eq(plans.revenueAccountCode, code)))) return 'plans book their revenue to this account';
  if (any(await db.select({ n: count() }).from(rates).where(eq(rates.revenueAccountCode, code)))) return 'rates book their revenue to this account';
  if (any(await db.select({ n: count() }).from(items).where(eq(items.revenueAccountCode, code)))) return 'items book their revenue to this account';
  return undefined;
}

async function postedBalances(ctx: ServiceContext, code?: string): Promise<Map<string, Money[]>> {
  const rows = await ctx.db
    .select({ code: journalLines.accountCode, currency: journalLines.currency, sum: sql<string>`sum(${journalLines.amountMinor})::text` })
    .from(journalLines)
    .where(code === undefined ? undefined : eq(journalLines.accountCode, code))
    .groupBy(journalLines.accountCode, journalLines.currency)
    .orderBy(journalLines.accountCode, journalLines.currency);
  const byCode = new Map<string, Money[]>();
  for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), money(BigInt(row.sum), row.currency)]);
  return byCode;
}

/**
 * Refuses, naming `revenueAccountCode`, an account that does not exist or is not an income
 * account: plans, rates and items book sales there, and anything else would misstate the books.
 */
export async function assertIncomeAccount(ctx: Pick<ServiceContext, 'db'>, code: string): Promise<void> {
  const [account] = await ctx.db.select({ type: accounts.type }).from(accounts).where(eq(accounts.code, code));
  if (!account) throw new ValidationError([{ field: 'revenueAccountCode', message: `account ${code} does not exist` }]);
  if (account.type !== 'income') {
    throw new ValidationError([{ field: 'revenueAccountCode', message: `account ${code} is of type ${account.type}; sales are booked to an income account` }]);
  }
}
