import { and, eq } from 'drizzle-orm';
import type { IsoDate } from '../billing/calendar.js';
import type { Database } from '../db/client.js';
import { customers, subscriptions } from '../db/schema.js';

/** Stores a plan change the account workflow accepted, so pages and reports show it before it applies. */
export async function recordPlanChange(db: Database, input: { subscriptionId: string; planId: string; effectiveFrom: IsoDate }): Promise<void> {
  await db
    .update(subscriptions)
    .set({ pendingPlanId: input.planId, pendingPlanFrom: input.effectiveFrom })
    .where(eq(subscriptions.id, input.subscriptionId));
}

/** Stores the day a cancellation the account workflow accepted takes effect. Storing it twice is harmless. */
export async function recordCancellation(db: Database, input: { subscriptionId: string | null; cancelledOn: IsoDate }): Promise<void> {
  if (!input.subscriptionId) return;
  await db
    .update(subscriptions)
    .set({ cancelRequestedOn: input.cancelledOn })
    .where(and(eq(subscriptions.id, input.subscriptionId), eq(subscriptions.status, 'active')));
}

/** Records the plan a subscription is billed on from now on. Setting the same plan twice is harmless. */
export async function switchSubscriptionPlan(
  db: Database,
  // anchorDay is absent in calls scheduled by runs from before it was passed; the day then stays.
  input: { subscriptionId: string; planId: string; anchorMonth: number | null; anchorDay?: number },
): Promise<void> {
  await db
    .update(subscriptions)
    .set({
      planId: input.planId,
      anchorMonth: input.anchorMonth,
      ...(input.anchorDay === undefined ? {} : { anchorDay: input.anchorDay }),
      pendingPlanId: null,
      pendingPlanFrom: null,
    })
    .where(eq(subscriptions.id, input.subscriptionId));
}

/** Marks the subscription and its customer cancelled once the final period is billed. */
export async function closeSubscription(
  db: Database,
  input: { customerId: string; subscriptionId: string | null; cancelledOn: IsoDate },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (input.subscriptionId) {
      await tx
        .update(subscriptions)
        .set({ status: 'cancelled', cancelledOn: input.cancelledOn })
        .where(and(eq(subscriptions.id, input.subscriptionId), eq(subscriptions.status, 'active')));
    }
    await tx.update(customers).set({ status: 'cancelled' }).where(eq(customers.id, input.customerId));
  });
}
