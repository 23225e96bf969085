// Plan changes and cancellations go to the account workflow first, as Updates: its validator
// refuses what the account's state does not allow (billing/subscriptions says when and in what
// words) before anything is stored, and the workflow records what it accepts through an activity.
// The caller learns at once whether it was accepted.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { customers, subscriptions } from '../../../db/schema.js';
import type { PendingPlanChange } from '../../../workflows/account-state.js';
import {
  CANCELLATION_REFUSED,
  PLAN_CHANGE_REFUSED,
  cancelSubscriptionUpdate,
  changePlanUpdate,
  type CancellationAccepted,
} from '../../../workflows/messages.js';
import type { ServiceContext } from '../context.js';
import { accountWorkflow } from '../customers/account-workflow.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { assertPlanCurrency, getPlan } from './plans.js';

/** An account workflow that answers no sooner is reported, not waited on forever. */
const UPDATE_DEADLINE_MS = 20_000;

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

async function askAccount<T>(
  ctx: ServiceContext,
  customerId: string,
  update: (handle: ReturnType<typeof accountWorkflow>) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.temporal.connection.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => update(accountWorkflow(ctx, customerId)));
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) throw new ConflictError(refusal);
    if (error instanceof WorkflowNotFoundError) {
      throw new ConflictError("The account's workflow is not running yet; nothing was changed. Try again in a moment.");
    }
    throw error;
  }
}

/** The validator's sentence when the workflow refused the change. */
function refusalOf(error: unknown): string | null {
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause;
  const refused = cause instanceof ApplicationFailure && (cause.type === PLAN_CHANGE_REFUSED || cause.type === CANCELLATION_REFUSED);
  return refused ? cause.message : null;
}
