import { ne } from 'drizzle-orm';
import { z } from 'zod';
import { customers } from '../../db/schema.js';
import { ensureAccountWorkflow } from './account-workflow.js';
import type { ServiceContext } from './context.js';
import { parseInput } from './errors.js';
import { assertPlanCurrency, getPlan } from './plans.js';
import { insertSubscription, isoDate, today, type Subscription } from './subscriptions.js';

export const newCustomerSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.email('must be an email address'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR'),
  planId: z.uuid('must be a plan id').optional(),
  /** First day of service; may be in the past, and every missed period is then billed. */
  startDate: isoDate.optional(),
  /** Day of the month periods renew on; defaults to the start date's day. */
  billingDay: z.int().min(1).max(31).optional(),
});

export type Customer = typeof customers.$inferSelect;

export interface CreatedCustomer {
  customer: Customer;
  subscription: Subscription | null;
}

/** Stores the customer (and subscription, with a plan) and starts the account's workflow. */
export async function createCustomer(ctx: ServiceContext, input: unknown): Promise<CreatedCustomer> {
  const request = parseInput(newCustomerSchema, input);
  const plan = request.planId ? await getPlan(ctx, request.planId) : null;
  if (plan) assertPlanCurrency(plan, request.currency);

  const created = await ctx.db.transaction(async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({
        name: request.name,
        email: request.email,
        currency: request.currency,
        status: plan ? 'active' : 'pending',
      })
      .returning();
    if (!customer) throw new Error('customer was not stored');
    const subscription = plan
      ? await insertSubscription(tx, customer.id, plan, request.startDate ?? today(), request.billingDay)
      : null;
    return { customer, subscription };
  });

  // After commit: the workflow reads what was stored. If this fails, the customer is still
  // saved, and the next start of Uplink (or a retry) starts the workflow.
  await ensureAccountWorkflow(ctx, created.customer.id);
  return created;
}


/** Starts the workflow of every customer still being billed; run at boot to heal interrupted starts. */
export async function ensureAllAccountWorkflows(ctx: ServiceContext): Promise<number> {
  const live = await ctx.db.select({ id: customers.id }).from(customers).where(ne(customers.status, 'cancelled'));
  for (const { id } of live) await ensureAccountWorkflow(ctx, id);
  return live.length;
}
