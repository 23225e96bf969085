// What the account workflow's plan-change activities store, read back as the workflow reads an
// account: a switch to yearly keeps the anchor the workflow bills by, day and month.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAccount } from '../../activities/load-account.js';
import { recordPlanChange, switchSubscriptionPlan } from '../../activities/subscription-changes.js';
import { anchorAfterIntervalChange } from '../../billing/periods.js';
import { plans, subscriptions } from '../../db/schema.js';
import { insertSubscribedCustomer } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

describe('switching a subscription to another plan', () => {
  it('stores the anchor the workflow moved to, so the account loads with it (31st-anchored, switched to yearly on Feb 28)', async () => {
    const { db } = database.handle;
    const { customer, subscription } = await insertSubscribedCustomer(db, { startDate: '2026-01-31' });
    const [yearly] = await db.insert(plans).values({ name: 'Fibre 100 yearly', amountMinor: 49900n, currency: 'EUR', interval: 'year' }).returning();
    await recordPlanChange(db, { subscriptionId: subscription.id, planId: yearly!.id, effectiveFrom: '2027-02-28' });

    const anchor = anchorAfterIntervalChange({ day: 31 }, 'year', '2027-02-28');
    await switchSubscriptionPlan(db, { subscriptionId: subscription.id, planId: yearly!.id, anchorMonth: anchor.month ?? null, anchorDay: anchor.day });

    const [stored] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(stored).toMatchObject({ planId: yearly!.id, anchorMonth: 2, anchorDay: anchor.day, pendingPlanId: null, pendingPlanFrom: null });
    expect(anchor.day).toBeLessThanOrEqual(29);
    const account = await loadAccount(db, customer.id);
    expect(account.subscription).toMatchObject({ planId: yearly!.id, interval: 'year', anchor: { day: anchor.day, month: 2 } });
  });
});
