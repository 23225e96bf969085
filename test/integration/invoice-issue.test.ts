// Issuing invoices against the real Postgres server: idempotent under concurrent retries, and
// numbered without gaps.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRecurringInvoice } from '../../activities/issue-recurring-invoice.js';
import { documentNumberSeries } from '../../db/schema.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { fullMonth, insertSubscribedCustomer } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

describe('issueRecurringInvoice on Postgres', () => {
  it('stores one invoice and one balanced entry when eight attempts race for the same period', async () => {
    const { db } = database.handle;
    const { customer, plan, subscription } = await insertSubscribedCustomer(db, { email: 'race@example.net' });
    const input = {
      customerId: customer.id,
      subscriptionId: subscription.id,
      planId: plan.id,
      period: fullMonth('2026-01-01', '2026-02-01'),
    };

    const results = await Promise.all(Array.from({ length: 8 }, () => issueRecurringInvoice(db, input)));

    expect(new Set(results.map((r) => r.invoice.invoiceId)).size).toBe(1);
    expect(results.every((r) => r.balance.amountMinor === '4900')).toBe(true);
    const records = await billingRecordsOf(db, customer.id);
    expect(records.invoices).toHaveLength(1);
    expect(records.entries).toHaveLength(1);
    expect(records.lines.map((l) => [l.accountCode, l.amountMinor]).sort()).toEqual([
      ['1100', 4900n],
      ['4000', -4900n],
    ]);
  });

  it('numbers concurrently issued invoices of a year without a gap or a repeat', async () => {
    const { db } = database.handle;
    const [before] = await db
      .select()
      .from(documentNumberSeries)
      .where(and(eq(documentNumberSeries.series, 'INV'), eq(documentNumberSeries.year, 2027)));
    const issuedBefore = before?.lastNumber ?? 0;
    const customersOnPlans = await Promise.all(
      Array.from({ length: 6 }, (_, i) => insertSubscribedCustomer(db, { email: `gapless${i}@example.net` })),
    );
    // Each customer's period is issued by three racing attempts: the losers must give their
    // number back, or the series would skip.
    const issued = await Promise.all(
      customersOnPlans.flatMap(({ customer, plan, subscription }) =>
        Array.from({ length: 3 }, () =>
          issueRecurringInvoice(db, {
            customerId: customer.id,
            subscriptionId: subscription.id,
            planId: plan.id,
            period: fullMonth('2027-01-01', '2027-02-01'),
          }),
        ),
      ),
    );
    const numbers = [...new Set(issued.map((r) => r.invoice.number))].sort();
    expect(numbers).toEqual(
      Array.from({ length: 6 }, (_, i) => `INV-2027-${String(issuedBefore + i + 1).padStart(6, '0')}`),
    );
  });
});
