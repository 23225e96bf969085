import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { plans } from '../../db/schema.js';
import type { ServiceContext } from './context.js';
import { NotFoundError, ValidationError, parseInput } from './errors.js';

export const newPlanSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
  /** The recurring price in minor units (cents): an integer, never a decimal amount. */
  amount: z
    .union([z.int('must be a whole number of minor units'), z.string().regex(/^-?\d+$/, 'must be a whole number of minor units')])
    .transform((value) => BigInt(value))
    .pipe(z.bigint().min(0n, 'must not be negative')),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR'),
  interval: z.enum(['month', 'year']),
});

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
