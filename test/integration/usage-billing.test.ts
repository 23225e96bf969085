// Rated consumption on invoices, against the real Postgres server: every component type on one
// invoice, late readings billed once as adjustments of their own period, a rate change
// mid-period, and retries that bill nothing twice.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRecurringInvoice } from '../../activities/issue-recurring-invoice.js';
import type { RateComponent } from '../../billing/rating/components.js';
import type { Database } from '../../db/client.js';
import { customerRates, invoiceLines, meterReadings, meters, ratedUsage, rates } from '../../db/schema.js';
import { assignRate } from '../../server/services/rates/customer-rates.js';
import { createMeter } from '../../server/services/readings/meters.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ValidationError } from '../../server/services/errors.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { BUSINESS_RATE_COMPONENTS } from '../support/business-rate.js';
import { fullMonth, insertSubscribedCustomer } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});


async function insertRate(db: Database, name: string, components: RateComponent[]) {
  const [rate] = await db.insert(rates).values({ name, currency: 'EUR', components }).returning();
  return rate!;
}

async function setUpCustomer(db: Database, email: string) {
  const subscribed = await insertSubscribedCustomer(db, { email, startDate: '2026-10-01' });
  const rate = await insertRate(db, 'Business data', BUSINESS_RATE_COMPONENTS);
  const [assignment] = await db
    .insert(customerRates)
    .values({ customerId: subscribed.customer.id, rateId: rate.id, effectiveFrom: '2026-10-01' })
    .returning();
  const [data] = await db.insert(meters).values({ customerId: subscribed.customer.id, key: 'data', unit: 'GB', kind: 'delta' }).returning();
  const [voice] = await db.insert(meters).values({ customerId: subscribed.customer.id, key: 'voice', unit: 'min', kind: 'delta' }).returning();
  const read = (meterId: string, readAt: string, value: string) =>
    db.insert(meterReadings).values({ meterId, readAt, value, consumption: value, source: 'api' });
  const issue = (start: string, end: string) =>
    issueRecurringInvoice(db, {
      customerId: subscribed.customer.id,
      subscriptionId: subscribed.subscription.id,
      planId: subscribed.plan.id,
      period: fullMonth(start, end),
    });
  return { ...subscribed, assignment: assignment!, data: data!, voice: voice!, read, issue };
}

async function linesOf(db: Database, invoiceId: string) {
  const rows = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(invoiceLines.position);
  return rows.map((line) => ({
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    amount: line.amountMinor,
    period: `${line.periodStart}..${line.periodEnd}`,
  }));
}

describe('usage on recurring invoices', () => {
  it('bills plan, fixed, per-day, stepped ranges and a minimum top-up for a full month', async () => {
    const { db } = database.handle;
    const account = await setUpCustomer(db, 'october@example.net');
    await account.read(account.data.id, '2026-10-05T08:00:00Z', '200');
    await account.read(account.data.id, '2026-10-20T08:00:00Z', '450');
    await account.read(account.voice.id, '2026-10-10T12:00:00Z', '120');
    await account.read(account.data.id, '2026-11-01T00:00:00Z', '99'); // November's

    const { invoice } = await account.issue('2026-10-01', '2026-11-01');

    const lines = await linesOf(db, invoice.invoiceId);
    expect(lines.map((l) => [l.kind, l.quantity, l.unit, l.amount])).toEqual([
      ['plan', '1', null, 4900n],
      ['usage', '1', null, 1000n],
      ['usage', '31', 'days', 310n],
      // 100 × 2 + 400 × 1.5 + 100 flat + 150 × 0.045 = 906.75, rounded once, half-even.
      ['usage', '650', 'GB', 907n],
      ['usage', '120', 'min', 180n],
      ['minimum', '1', null, 320n],
    ]);
    expect(lines.every((l) => l.period === '2026-10-01..2026-11-01')).toBe(true);
    expect(invoice.total).toEqual({ amountMinor: '7617', currency: 'EUR' });

    const [dataLine] = await db
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.invoiceId, invoice.invoiceId), eq(invoiceLines.position, 3)));
    expect(dataLine?.detail).toMatchObject({
      component: 'stepped',
      meter: 'data',
      ranges: [
        { units: '100', unitAmountDecimal: '2' },
        { units: '400', unitAmountDecimal: '1.5', flatAmountMinor: '100' },
        { units: '150', unitAmountDecimal: '0.045' },
      ],
    });

    const records = await billingRecordsOf(db, account.customer.id);
    expect(records.lines.map((l) => [l.accountCode, l.amountMinor]).sort()).toEqual([
      ['1100', 7617n],
      ['4000', -4900n],
      ['4100', -2717n],
    ]);
    const unbilled = await db.select().from(meterReadings).where(and(eq(meterReadings.meterId, account.data.id), isNull(meterReadings.invoiceId)));
    expect(unbilled.map((r) => r.value)).toEqual(['99']);
  });

  it('bills a reading that arrives after its period was invoiced on the next invoice, marked with its own period, once', async () => {
    const { db } = database.handle;
    const account = await setUpCustomer(db, 'late@example.net');
    await account.read(account.data.id, '2026-10-05T08:00:00Z', '650');
    await account.read(account.voice.id, '2026-10-10T12:00:00Z', '120');
    await account.issue('2026-10-01', '2026-11-01');

    // Read on the last evening of October, sent in after October's invoice.
    await account.read(account.data.id, '2026-10-31T23:00:00Z', '50');
    await account.read(account.data.id, '2026-11-03T09:00:00Z', '99');
    const { invoice: november } = await account.issue('2026-11-01', '2026-12-01');
    const again = await account.issue('2026-11-01', '2026-12-01');
    expect(again.invoice.invoiceId).toBe(november.invoiceId);

    const lines = await linesOf(db, november.invoiceId);
    expect(lines.map((l) => [l.kind, l.quantity, l.amount, l.period])).toEqual([
      ['plan', '1', 4900n, '2026-11-01..2026-12-01'],
      ['usage', '1', 1000n, '2026-11-01..2026-12-01'],
      ['usage', '30', 300n, '2026-11-01..2026-12-01'],
      ['usage', '99', 198n, '2026-11-01..2026-12-01'],
      ['usage', '0', 0n, '2026-11-01..2026-12-01'],
      ['minimum', '1', 500n, '2026-11-01..2026-12-01'],
      // October again with 700 GB: 150 → 200 units at 0.045 is 909 instead of 907.
      ['adjustment', '50', 2n, '2026-10-01..2026-11-01'],
    ]);
    expect(lines.at(-1)?.description).toContain('late readings for 2026-10-01 to 2026-10-31');
    expect(november.total).toEqual({ amountMinor: '6900', currency: 'EUR' });

    // December has nothing late: the October reading was billed once, on November's invoice.
    const { invoice: december } = await account.issue('2026-12-01', '2027-01-01');
    expect((await linesOf(db, december.invoiceId)).filter((l) => l.kind === 'adjustment')).toEqual([]);
    const usage = await db.select().from(ratedUsage).where(eq(ratedUsage.customerId, account.customer.id));
    expect(usage.filter((u) => u.kind === 'adjustment').map((u) => [u.meterKey, u.quantity, u.amountMinor])).toEqual([['data', '50', 2n]]);
  });

  it('splits the period by days when a rate replaces another mid-period', async () => {
    const { db } = database.handle;
    const account = await setUpCustomer(db, 'change@example.net');
    const v2 = await insertRate(db, 'Business data v2', [
      { type: 'fixed', name: 'Line rental', amount: 2000 },
      { type: 'volume', name: 'Data', meter: 'data', ranges: [{ upTo: 50, unitAmountDecimal: '3' }, { upTo: null, unitAmountDecimal: '1' }] },
    ]);
    await db.update(customerRates).set({ endedOn: '2026-10-16' }).where(eq(customerRates.id, account.assignment.id));
    await db.insert(customerRates).values({ customerId: account.customer.id, rateId: v2.id, effectiveFrom: '2026-10-16' });
    await account.read(account.data.id, '2026-10-10T08:00:00Z', '10');
    await account.read(account.data.id, '2026-10-20T08:00:00Z', '30');

    const { invoice } = await account.issue('2026-10-01', '2026-11-01');

    const lines = await linesOf(db, invoice.invoiceId);
    expect(lines.map((l) => [l.kind, l.quantity, l.amount, l.period])).toEqual([
      ['plan', '1', 4900n, '2026-10-01..2026-11-01'],
      ['usage', '1', 484n, '2026-10-01..2026-10-16'], // 1000 × 15/31
      ['usage', '15', 150n, '2026-10-01..2026-10-16'],
      ['usage', '10', 20n, '2026-10-01..2026-10-16'],
      ['usage', '0', 0n, '2026-10-01..2026-10-16'],
      ['minimum', '1', 242n, '2026-10-01..2026-10-16'], // 500 × 15/31
      ['usage', '1', 1032n, '2026-10-16..2026-11-01'], // 2000 − 2000 × 15/31: the halves sum to whole cents
      ['usage', '30', 90n, '2026-10-16..2026-11-01'],
    ]);
    expect(lines[1]?.description).toContain('(2026-10-01 to 2026-10-15)');
    expect(invoice.total).toEqual({ amountMinor: '6918', currency: 'EUR' });
  });

  it('a retried issue after a commit bills the readings once and stores the rated usage once', async () => {
    const { db } = database.handle;
    const account = await setUpCustomer(db, 'retry@example.net');
    await account.read(account.data.id, '2026-10-05T08:00:00Z', '120');

    const results = await Promise.all(Array.from({ length: 5 }, () => account.issue('2026-10-01', '2026-11-01')));

    expect(new Set(results.map((r) => r.invoice.invoiceId)).size).toBe(1);
    const usage = await db.select().from(ratedUsage).where(eq(ratedUsage.customerId, account.customer.id));
    expect(usage.map((u) => [u.meterKey, u.quantity])).toEqual([
      ['data', '120'],
      ['voice', '0'],
    ]);
    const [reading] = await db.select().from(meterReadings).where(eq(meterReadings.meterId, account.data.id));
    expect(reading?.invoiceId).toBe(results[0]!.invoice.invoiceId);
  });

  it('refuses a rate assignment that would reach back into invoiced days, and accepts one from the next unbilled day', async () => {
    const { db } = database.handle;
    const ctx = { db } as ServiceContext; // assigning a rate needs no workflow
    const account = await setUpCustomer(db, 'backdated@example.net');
    await account.issue('2026-10-01', '2026-11-01');
    const cheaper = await insertRate(db, 'Business data lite', [{ type: 'fixed', name: 'Line rental', amount: 500 }]);

    const refused = await assignRate(ctx, account.customer.id, { rateId: cheaper.id, from: '2026-10-15', replaces: account.assignment.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems).toEqual([
      { field: 'from', message: 'must be 2026-11-01 or later: the customer is invoiced up to 2026-10-31, and invoiced days keep their rates' },
    ]);
    const [unchanged] = await db.select().from(customerRates).where(eq(customerRates.id, account.assignment.id));
    expect(unchanged?.endedOn).toBeNull();

    const accepted = await assignRate(ctx, account.customer.id, { rateId: cheaper.id, from: '2026-11-01', replaces: account.assignment.id });
    expect(accepted.from).toBe('2026-11-01');
  });

  it('converts a meter kept in another unit to the unit a component prices, and refuses another family with the reason', async () => {
    const { db } = database.handle;
    const { customer, subscription, plan } = await insertSubscribedCustomer(db, { email: 'units@example.net', startDate: '2026-10-01' });
    const rate = await insertRate(db, 'Data in GB', [
      { type: 'stepped', name: 'Data', meter: 'data', unit: 'GB', ranges: [{ upTo: null, unitAmountDecimal: '10' }] },
      { type: 'package', name: 'Calls', meter: 'voice', unit: 'min', packageSize: 60, amount: 300 },
    ]);
    await db.insert(customerRates).values({ customerId: customer.id, rateId: rate.id, effectiveFrom: '2026-10-01' });
    const [data] = await db.insert(meters).values({ customerId: customer.id, key: 'data', unit: 'MB', base: 1024, kind: 'delta' }).returning();
    const [voice] = await db.insert(meters).values({ customerId: customer.id, key: 'voice', unit: 's', kind: 'delta' }).returning();
    await db.insert(meterReadings).values([
      { meterId: data!.id, readAt: '2026-10-03T10:00:00Z', value: '1536', consumption: '1536', source: 'api' },
      { meterId: voice!.id, readAt: '2026-10-03T10:00:00Z', value: '7230', consumption: '7230', source: 'api' },
    ]);
    const issue = (start: string, end: string) =>
      issueRecurringInvoice(db, { customerId: customer.id, subscriptionId: subscription.id, planId: plan.id, period: fullMonth(start, end) });

    const { invoice } = await issue('2026-10-01', '2026-11-01');

    const lines = await linesOf(db, invoice.invoiceId);
    expect(lines.slice(1).map((l) => [l.quantity, l.unit, l.amount])).toEqual([
      ['1.5', 'GB', 15n], // 1536 MB at base 1024
      ['3', 'packages', 900n], // 7230 s = 120.5 min: three started packages of 60 min
    ]);

    await db.update(meters).set({ unit: 'kWh' }).where(eq(meters.id, data!.id));
    await expect(issue('2026-11-01', '2026-12-01')).rejects.toThrow(/component "Data" prices GB but meter "data" counts kWh/);
  });

  it('refuses a rate or a meter whose units could never be converted, where staff make the mistake', async () => {
    const { db } = database.handle;
    const ctx = { db } as ServiceContext;
    const { customer } = await insertSubscribedCustomer(db, { email: 'families@example.net', startDate: '2026-10-01' });
    await db.insert(meters).values({ customerId: customer.id, key: 'voice', unit: 'min', kind: 'delta' });
    const gigabytes = await insertRate(db, 'Data in GB', [
      { type: 'stepped', name: 'Data', meter: 'data', unit: 'GB', ranges: [{ upTo: null, unitAmountDecimal: '10' }] },
      { type: 'stepped', name: 'Calls', meter: 'voice', unit: 'GB', ranges: [{ upTo: null, unitAmountDecimal: '1' }] },
    ]);

    const refusedRate = await assignRate(ctx, customer.id, { rateId: gigabytes.id, from: '2026-12-01' }).catch((e: unknown) => e);
    expect((refusedRate as ValidationError).problems).toEqual([
      { field: 'rateId', message: 'component "Calls" prices GB, which meter "voice" (in min) cannot be converted to' },
    ]);

    const dataOnly = await insertRate(db, 'Data only', [{ type: 'stepped', name: 'Data', meter: 'data', unit: 'GB', ranges: [{ upTo: null, unitAmountDecimal: '10' }] }]);
    await assignRate(ctx, customer.id, { rateId: dataOnly.id, from: '2026-12-01' });
    const refusedMeter = await createMeter(ctx, { customerId: customer.id, key: 'data', unit: 'kWh', kind: 'delta' }).catch((e: unknown) => e);
    expect((refusedMeter as ValidationError).problems).toEqual([
      { field: 'unit', message: 'component "Data" prices GB, which meter "data" (in kWh) cannot be converted to' },
    ]);
    expect((await createMeter(ctx, { customerId: customer.id, key: 'data', unit: 'MB', kind: 'delta' })).unit).toBe('MB');
  });
});
