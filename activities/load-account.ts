import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { toWire } from '../billing/money.js';
import type { Database } from '../db/client.js';
import { customers, plans, subscriptions } from '../db/schema.js';
import type { AccountSnapshot } from './account-types.js';
import { customerBalance } from '../db/records/receivables.js';

/** What a customer's workflow needs to start billing: the customer and their live subscription. */
export async function loadAccount(db: Database, customerId: string): Promise<AccountSnapshot> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw ApplicationFailure.nonRetryable(`customer ${customerId} does not exist`, 'NotFound');

  const [row] = await db
    .select({ subscription: subscriptions, interval: plans.interval })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.customerId, customerId), eq(subscriptions.status, 'active')));

  const balance = await customerBalance(db, customerId, customer.currency);
  return {
    customerId,
    currency: customer.currency,
    balance: toWire(balance),
    subscription: row
      ? {
          subscriptionId: row.subscription.id,
          planId: row.subscription.planId,
          interval: row.interval,
          startDate: row.subscription.startDate,
          anchor: {
            day: row.subscription.anchorDay,
            ...(row.subscription.anchorMonth === null ? {} : { month: row.subscription.anchorMonth }),
          },
        }
      : null,
  };
}
