import { count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { plans, subscriptions } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { amountMinorInput } from '../money-input.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';

export const newPlanSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
  /** The recurring price in minor units (cents): an integer, never a decimal amount. */
  amount: amountMinorInput,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR'),
  interval: z.enum(['month', 'year']),
});

/**
 * What can change on an existing plan. The new price applies to every period invoiced from now
 * on, including those of current subscribers; the currency and interval are fixed once customers
 * are on the plan, because their periods and balances are counted in them.
 */
export const planUpdateSchema = newPlanSchema.partial();

export type Plan = typeof plans.$inferSelect;

export async function createPlan(ctx: ServiceContext, input: unknown): Promise<Plan> {
  const plan = parseInput(newPlanSchema, input);
  const [created] = await ctx.db
    .insert(plans)
    .values({ name: plan.name, amountMinor: plan.amount, currency: plan.currency, interval: plan.interval })
    .returning();
  if (!created) throw new Error('plan was not stored');
  return created;
}

/** Newest plans first. */
export async function listPlans(ctx: ServiceContext, query: z.input<typeof pageQuerySchema>): Promise<Page<Plan>> {
  const { limit, cursor } = pageQuerySchema.parse(query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const rows = await ctx.db
    .select({ plan: plans, createdAtKey: sql<string>`${plans.createdAt}::text` })
    .from(plans)
    .where(after ? sql`(${plans.createdAt}, ${plans.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined)
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.createdAtKey, id: row.plan.id }), (row) => row.plan);
}

export async function updatePlan(ctx: ServiceContext, planId: string, input: unknown): Promise<Plan> {
  const changes = parseInput(planUpdateSchema, input);
  const plan = await getPlan(ctx, planId);
  if (Object.values(changes).every((value) => value === undefined)) return plan;
  return ctx.db.transaction(async (tx) => {
    // Locking the plan row holds off new subscriptions to it (their foreign key needs a share
    // lock on it) until this change commits, so the subscriber check below stays true.
    await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).for('update');
    const [subscribers] = await tx.select({ n: count() }).from(subscriptions).where(eq(subscriptions.planId, planId));
    if ((subscribers?.n ?? 0) > 0) {
      const locked = (['currency', 'interval'] as const).filter((field) => changes[field] !== undefined && changes[field] !== plan[field]);
      if (locked.length > 0) {
        throw new ValidationError(locked.map((field) => ({ field, message: 'cannot change once customers are on the plan' })));
      }
    }
    const [updated] = await tx
      .update(plans)
      .set({
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.amount === undefined ? {} : { amountMinor: changes.amount }),
        ...(changes.currency === undefined ? {} : { currency: changes.currency }),
        ...(changes.interval === undefined ? {} : { interval: changes.interval }),
      })
      .where(eq(plans.id, planId))
      .returning();
    if (!updated) throw new NotFoundError('plan', planId);
    return updated;
  });
}

export async function getPlan(ctx: ServiceContext, planId: string): Promise<Plan> {
  const [plan] = z.uuid().safeParse(planId).success
    ? await ctx.db.select().from(plans).where(eq(plans.id, planId))
    : [];
  if (!plan) throw new NotFoundError('plan', planId);
  return plan;
}

/** A customer is billed in one currency: only plans priced in it can be theirs. */
export function assertPlanCurrency(plan: Plan, customerCurrency: string): void {
  if (plan.currency !== customerCurrency) {
    throw new ValidationError([
      { field: 'planId', message: `plan is priced in ${plan.currency}, the customer is billed in ${customerCurrency}` },
    ]);
  }
}
