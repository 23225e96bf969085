import { and, eq } from 'drizzle-orm';
import { customers, subscriptions } from '../../db/schema.js';
import { cancelSubscriptionSignal, changePlanSignal } from '../../workflows/messages.js';
import { accountWorkflow } from './account-workflow.js';
import type { ServiceContext } from './context.js';
import { NotFoundError, ValidationError } from './errors.js';
import { getPlan } from './plans.js';

async function activeSubscription(ctx: ServiceContext, customerId: string) {
  const [row] = await ctx.db
    .select({ subscription: subscriptions, currency: customers.currency })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(eq(subscriptions.customerId, customerId), eq(subscriptions.status, 'active')));
  if (!row) throw new NotFoundError('active subscription of customer', customerId);
  return row;
}

/** Cancels from today: the workflow bills the days used in the current period, then stops. */
export async function cancelSubscription(ctx: ServiceContext, customerId: string): Promise<void> {
  await activeSubscription(ctx, customerId);
  await accountWorkflow(ctx, customerId).signal(cancelSubscriptionSignal);
}

/** Moves the customer to another plan from their next period on. */
export async function changePlan(ctx: ServiceContext, customerId: string, planId: string): Promise<void> {
  const { currency } = await activeSubscription(ctx, customerId);
  const plan = await getPlan(ctx, planId);
  if (plan.currency !== currency) {
    throw new ValidationError([
      { field: 'planId', message: `plan is priced in ${plan.currency}, the customer is billed in ${currency}` },
    ]);
  }
  await accountWorkflow(ctx, customerId).signal(changePlanSignal, { planId: plan.id, interval: plan.interval });
}
