// The items catalog: maintenance services and spare parts billed on one-off invoices and quotes.
// Each item books its sales to its own income account and carries its own tax rate.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { parseTaxRate } from '../../../billing/index.js';
import { accounts, items } from '../../../db/schema.js';
import { assertIncomeAccount } from '../books/accounts.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { amountMinorInput } from '../money-input.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';

export const ITEM_KINDS = ['service', 'part'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Where an item's sales are booked unless staff choose otherwise (seeded in the chart of accounts). */
export const DEFAULT_REVENUE_ACCOUNT: Record<ItemKind, string> = { service: '4200', part: '4300' };

// A price above the bound could not be billed even once.
const unitPrice = amountMinorInput;

const taxRate = z.string('must be a percentage such as "21"').transform((value, ctx) => {
  const parsed = parseTaxRate(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.reason });
  return z.NEVER;
});

const itemFields = {
  name: z.string().trim().min(1, 'is required').max(120),
  description: z.string().trim().max(2000).nullable().optional(),
  /** The net price of one unit in minor units (cents), tax exclusive: an integer, never a decimal amount. */
  unitPrice,
  taxRate,
  revenueAccountCode: z.string().trim().min(1, 'is required').optional(),
  active: z.boolean().optional(),
};

export const newItemSchema = z.object({
  ...itemFields,
  kind: z.enum(ITEM_KINDS),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR'),
});

/**
 * What can change on an item. A change applies to lines written from now on; lines already on
 * invoices keep what they were billed. The currency is fixed: an item is a price in one currency.
 */
export const itemUpdateSchema = z.object({
  name: itemFields.name.optional(),
  description: itemFields.description,
  unitPrice: unitPrice.optional(),
  taxRate: taxRate.optional(),
  revenueAccountCode: itemFields.revenueAccountCode,
  active: itemFields.active,
  currency: newItemSchema.shape.currency.optional(),
});

export const itemListQuerySchema = pageQuerySchema.extend({
  kind: z.enum(ITEM_KINDS).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export type Item = typeof items.$inferSelect;

export async function createItem(ctx: ServiceContext, input: unknown): Promise<Item> {
  const item = parseInput(newItemSchema, input);
  const revenueAccountCode = item.revenueAccountCode ?? DEFAULT_REVENUE_ACCOUNT[item.kind];
  await assertIncomeAccount(ctx, revenueAccountCode);
  const [created] = await ctx.db
    .insert(items)
    .values({
      name: item.name,
      kind: item.kind,
      description: item.description || null,
      unitPriceMinor: item.unitPrice,
      currency: item.currency,
      revenueAccountCode,
      taxRate: item.taxRate,
      active: item.active ?? true,
    })
    .returning();
  if (!created) throw new Error('item was not stored');
  return created;
}

/** Newest items first, optionally only one kind, or only active (or inactive) ones. */
export async function listItems(ctx: ServiceContext, query: z.input<typeof itemListQuerySchema>): Promise<Page<Item>> {
  const { limit, cursor, kind, active } = parseInput(itemListQuerySchema, query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const conditions: (SQL | undefined)[] = [
    after ? sql`(${items.createdAt}, ${items.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
    kind ? eq(items.kind, kind) : undefined,
    active ? eq(items.active, active === 'true') : undefined,
  ];
  const rows = await ctx.db
    .select({ item: items, createdAtKey: sql<string>`${items.createdAt}::text` })
    .from(items)
    .where(and(...conditions))
    .orderBy(desc(items.createdAt), desc(items.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.createdAtKey, id: row.item.id }), (row) => row.item);
}

export async function getItem(ctx: ServiceContext, itemId: string): Promise<Item> {
  const [item] = z.uuid().safeParse(itemId).success ? await ctx.db.select().from(items).where(eq(items.id, itemId)) : [];
  if (!item) throw new NotFoundError('item', itemId);
  return item;
}

export async function updateItem(ctx: ServiceContext, itemId: string, input: unknown): Promise<Item> {
  const changes = parseInput(itemUpdateSchema, input);
  const item = await getItem(ctx, itemId);
  if (changes.currency !== undefined && changes.currency !== item.currency) {
    throw new ValidationError([{ field: 'currency', message: `cannot change; the item is priced in ${item.currency}` }]);
  }
  if (changes.revenueAccountCode !== undefined) await assertIncomeAccount(ctx, changes.revenueAccountCode);
  const [updated] = await ctx.db
    .update(items)
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.description === undefined ? {} : { description: changes.description || null }),
      ...(changes.unitPrice === undefined ? {} : { unitPriceMinor: changes.unitPrice }),
      ...(changes.taxRate === undefined ? {} : { taxRate: changes.taxRate }),
      ...(changes.revenueAccountCode === undefined ? {} : { revenueAccountCode: changes.revenueAccountCode }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
      updatedAt: sql`now()`,
    })
    .where(eq(items.id, itemId))
    .returning();
  if (!updated) throw new NotFoundError('item', itemId);
  return updated;
}


/** The accounts an item may book its sales to, by code, for the staff forms. */
export async function revenueAccountChoices(ctx: ServiceContext): Promise<{ code: string; name: string }[]> {
  return ctx.db.select({ code: accounts.code, name: accounts.name }).from(accounts).where(eq(accounts.type, 'income')).orderBy(accounts.code);
}
