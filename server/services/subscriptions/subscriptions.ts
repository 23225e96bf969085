import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isoDateFromEpochMs, type IsoDate } from '../../../billing/calendar.js';
import { anchorFromDate } from '../../../billing/periods.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { customers, subscriptions } from '../../../db/schema.js';
import { accountFactKey, handOffAccountFact } from '../../../db/records/handoffs.js';
import type { ServiceContext } from '../context.js';
import { deliverCommittedHandoffs } from '../handoffs/deliver-handoffs.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { assertPlanCurrency, getPlan, type Plan } from './plans.js';
import { calendarDateText } from '../date-input.js';

export type Subscription = typeof subscriptions.$inferSelect;

export const isoDate = calendarDateText;

export const today = (): IsoDate => isoDateFromEpochMs(Date.now());

export const newSubscriptionSchema = z.object({
  planId: z.uuid('must be a plan id'),
  /** First day of service; may be in the past, and every missed period is then billed. */
  startDate: isoDate.optional(),
  /** Day of the month periods renew on; defaults to the start date's day. */
  billingDay: z.int().min(1).max(31).optional(),
});

export async function insertSubscription(
  tx: Transaction,
  customerId: string,
  plan: Plan,
  startDate: IsoDate,
  billingDay: number | undefined,
): Promise<Subscription> {
  const anchor = anchorFromDate(startDate, plan.interval, billingDay);
  const [subscription] = await tx
    .insert(subscriptions)
    .values({ customerId, planId: plan.id, startDate, anchorDay: anchor.day, anchorMonth: anchor.month ?? null })
    .returning();
  if (!subscription) throw new Error('subscription was not stored');
  return subscription;
}

/**
 * Puts a customer who was set up without a plan on one: stored and handed off to their workflow
 * in one transaction; the workflow starts billing from the start date.
 */
export async function subscribeCustomer(ctx: ServiceContext, customerId: string, input: unknown): Promise<Subscription> {
  const request = parseInput(newSubscriptionSchema, input);
  const plan = await getPlan(ctx, request.planId);
  const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new NotFoundError('customer', customerId);
  if (customer.status !== 'pending') {
    throw new ValidationError([{ field: 'customerId', message: `customer is ${customer.status}, not waiting for a subscription` }]);
  }
  assertPlanCurrency(plan, customer.currency);
  const startDate = request.startDate ?? today();
  const subscription = await ctx.db
    .transaction(async (tx) => {
      const created = await insertSubscription(tx, customerId, plan, startDate, request.billingDay);
      await tx.update(customers).set({ status: 'active' }).where(eq(customers.id, customerId));
      await handOffAccountFact(tx, customerId, { kind: 'subscription-started', subscriptionId: created.id });
      return created;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new ValidationError([{ field: 'customerId', message: 'customer already has an active subscription' }]);
      }
      throw error;
    });
  // After commit: the workflow reads the subscription and starts billing. Should this fail, the
  // hand-off waits in the outbox and the relay delivers it.
  await deliverCommittedHandoffs(ctx, [accountFactKey(customerId, { kind: 'subscription-started', subscriptionId: subscription.id })]);
  return subscription;
}
