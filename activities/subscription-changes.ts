import { and, eq } from 'drizzle-orm';
import type { IsoDate } from '../billing/calendar.js';
import type { Database } from '../db/client.js';
import { customers, subscriptions } from '../db/schema.js';

/** Records the plan a subscription is billed on from now on. Setting the same plan twice is harmless. */
export async function switchSubscriptionPlan(
  db: Database,
  input: { subscriptionId: string; planId: string; anchorMonth: number | null },
): Promise<void> {
  await db
    .update(subscriptions)
    .set({ planId: input.planId, anchorMonth: input.anchorMonth })
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
