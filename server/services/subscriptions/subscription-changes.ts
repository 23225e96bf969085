// Plan changes and cancellations go to the account workflow first, as Updates: its validator
// refuses what the account's state does not allow (billing/subscriptions says when and in what
// words) before anything is stored, and the workflow records what it accepts through an activity.
// The caller learns at once whether it was accepted.
import { and, eq } from 'drizzle-orm';
import { customers, subscriptions } from '../../../db/schema.js';
import type { PendingPlanChange } from '../../../workflows/account-state.js';
import { cancelSubscriptionUpdate, changePlanUpdate, type CancellationAccepted } from '../../../workflows/messages.js';
import type { ServiceContext } from '../context.js';
import { askAccount } from '../customers/account-workflow.js';
import { NotFoundError } from '../errors.js';
import { assertPlanCurrency, getPlan } from './plans.js';

/** Moves the customer to another plan from their next period on; answers when it takes effect. */
export async function changePlan(ctx: ServiceContext, customerId: string, planId: string): Promise<PendingPlanChange> {
  const { currency } = await activeSubscription(ctx, customerId);
  const plan = await getPlan(ctx, planId);
  assertPlanCurrency(plan, currency);
  return askAccount(ctx, customerId, (handle) => handle.executeUpdate(changePlanUpdate, { args: [{ planId: plan.id, interval: plan.interval }] }));
}

/** Cancels from today: the workflow bills the days used in the current period, then stops. */
export async function cancelSubscription(ctx: ServiceContext, customerId: string): Promise<CancellationAccepted> {
  await activeSubscription(ctx, customerId);
  return askAccount(ctx, customerId, (handle) => handle.executeUpdate(cancelSubscriptionUpdate));
}

async function activeSubscription(ctx: ServiceContext, customerId: string) {
  const [row] = await ctx.db
    .select({ subscription: subscriptions, currency: customers.currency })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(eq(subscriptions.customerId, customerId), eq(subscriptions.status, 'active')));
  if (!row) throw new NotFoundError('active subscription of customer', customerId);
  return row;
}
