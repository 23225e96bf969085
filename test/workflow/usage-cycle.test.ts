// One billing cycle of the customer account workflow with consumption, on the real time-skipping
// Temporal server and Postgres: the plan, a fixed charge, a per-day charge, stepped data ranges
// and a minimum on voice come out as the expected invoice lines.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, type IsoDate } from '../../billing/calendar.js';
import { customerRates, invoiceLines, meterReadings, meters, rates } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createPlan, type Plan } from '../../server/services/subscriptions/plans.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { BUSINESS_RATE_COMPONENTS } from '../support/business-rate.js';
import { eventually } from '../support/eventually.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let fibre: Plan;

beforeAll(async () => {
  harness = await createWorkflowHarness();
  fibre = await createPlan(harness.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
});

afterAll(async () => {
  await harness?.dispose();
});

describe('customerAccount workflow with consumption', () => {
  it('bills a cycle with plan, fixed, per-day, stepped and a minimum as the expected lines', async () => {
    await harness.freshServer();
    const { db } = harness.ctx;
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const start = new Date(await harness.env.currentTimeMs()).toISOString().slice(0, 10) as IsoDate;
      const { customer } = await createCustomer(harness.ctx, {
        name: 'Grace Hopper',
        email: 'grace@example.net',
        currency: 'EUR',
        planId: fibre.id,
        startDate: start,
      });
      const [rate] = await db
        .insert(rates)
        .values({
          name: 'Business',
          currency: 'EUR',
          components: BUSINESS_RATE_COMPONENTS,
        })
        .returning();
      await db.insert(customerRates).values({ customerId: customer.id, rateId: rate!.id, effectiveFrom: start });
      const [data] = await db.insert(meters).values({ customerId: customer.id, key: 'data', unit: 'GB', kind: 'delta' }).returning();
      const [voice] = await db.insert(meters).values({ customerId: customer.id, key: 'voice', unit: 'min', kind: 'delta' }).returning();
      const during = `${addDays(start, 1)}T12:00:00Z`;
      await db.insert(meterReadings).values([
        { meterId: data!.id, readAt: during, value: '650', consumption: '650', source: 'api' },
        { meterId: voice!.id, readAt: during, value: '120', consumption: '120', source: 'api' },
      ]);

      await harness.env.sleep('32 days');

      const invoice = await eventually(
        async () => {
          const records = await billingRecordsOf(db, customer.id);
          expect(records.invoices).toHaveLength(1);
          expect(records.emails).toHaveLength(1);
          return records.invoices[0]!;
        },
        { what: 'the first invoice' },
      );
      const days = daysBetween(invoice.periodStart as IsoDate, invoice.periodEnd as IsoDate);
      const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position));
      expect(lines.map((l) => [l.kind, l.quantity, l.unit, l.amountMinor])).toEqual([
        ['plan', '1', null, 4900n],
        ['usage', '1', null, 1000n],
        ['usage', String(days), 'days', BigInt(days * 10)],
        ['usage', '650', 'GB', 907n],
        ['usage', '120', 'min', 180n],
        ['minimum', '1', null, 320n],
      ]);
      expect(invoice.totalMinor).toBe(4900n + 1000n + BigInt(days * 10) + 907n + 180n + 320n);
    });
  });
});
