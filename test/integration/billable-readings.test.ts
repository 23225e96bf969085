// A reading accepted is a reading billing can invoice, against the real Postgres server: the
// largest reading on a stepped rate at the largest unit price is refused where it enters (the
// API's, form's and CLI's recordReadings, and an imported file), what fits the amount bound is
// billed to the last minor unit, and a line that only a later rate makes too large stops the
// issuing step for good, naming rate, component and meter, instead of failing in Postgres.
import { ApplicationFailure } from '@temporalio/common';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BILLING_DATA_ERROR, classifyActivityFailure } from '../../activities/failure-classification.js';
import { issueRecurringInvoice } from '../../activities/issue-recurring-invoice.js';
import { MAX_AMOUNT_MINOR } from '../../billing/amount-bound.js';
import type { RateComponent } from '../../billing/rating/components.js';
import { LineAmountOutOfBoundsError } from '../../billing/rating/line-bound.js';
import type { Database } from '../../db/client.js';
import { customerRates, invoiceLines, invoices, meterReadings, meters, rates } from '../../db/schema.js';
import { ValidationError } from '../../server/services/errors.js';
import { commitImport } from '../../server/services/imports/import-commit.js';
import { createImport } from '../../server/services/imports/import-upload.js';
import { validateImport } from '../../server/services/imports/import-validate.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';
import { bytesOf, importContext } from '../imports/import-fixtures.js';
import { fullMonth, insertSubscribedCustomer } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
});
afterAll(() => database?.dispose());

/** The largest reading a meter takes (20 digits), and a stepped rate at the largest unit price. */
const LARGEST_READING = '9'.repeat(20);
const LARGEST_PRICE: RateComponent = {
  type: 'stepped',
  name: 'Data',
  meter: 'data',
  ranges: [{ upTo: null, unitAmountDecimal: MAX_AMOUNT_MINOR.toString() }],
};

async function customerWithDataMeter(email: string, components: RateComponent[] | null) {
  const subscribed = await insertSubscribedCustomer(db, { email, startDate: '2026-10-01' });
  if (components) {
    const [rate] = await db.insert(rates).values({ name: 'Metered', currency: 'EUR', components }).returning();
    await db.insert(customerRates).values({ customerId: subscribed.customer.id, rateId: rate!.id, effectiveFrom: '2026-10-01' });
  }
  const [meter] = await db.insert(meters).values({ customerId: subscribed.customer.id, key: 'data', unit: 'GB', kind: 'delta' }).returning();
  const issue = () =>
    issueRecurringInvoice(db, {
      customerId: subscribed.customer.id,
      subscriptionId: subscribed.subscription.id,
      planId: subscribed.plan.id,
      period: fullMonth('2026-10-01', '2026-11-01'),
    });
  return { ...subscribed, meter: meter!, issue };
}

const readingsOf = async (meterId: string) => (await db.select({ n: count() }).from(meterReadings).where(eq(meterReadings.meterId, meterId)))[0]?.n;
const invoicesOf = async (customerId: string) => (await db.select({ n: count() }).from(invoices).where(eq(invoices.customerId, customerId)))[0]?.n;

/** The refusal of consumption no line can hold, as the rate above prices it. */
const unbillable = (gigabytes: string, money: string, minorUnits: string) =>
  `rate "Metered", component "Data" on meter "data": ${gigabytes} GB comes to ${money} (${minorUnits} minor units), ` +
  "more than an invoice line may hold (at most €10,000,000,000,000.00); lower the component's prices or correct the meter's readings";
const UNBILLABLE =
  "would bring the meter's unbilled consumption to a charge no invoice line can hold: " +
  unbillable(LARGEST_READING, '€999,999,999,999,999,999,990,000,000,000,000.00', '99999999999999999999000000000000000');

describe('the largest reading on a stepped rate at the largest price', () => {
  it('is refused where it is recorded, by index and field, naming rate, component, meter and amount; nothing is stored', async () => {
    const account = await customerWithDataMeter('largest@example.net', [LARGEST_PRICE]);
    const result = await recordReadings(db, [{ meterId: account.meter.id, readAt: '2026-10-05T00:00:00Z', value: LARGEST_READING }], 'api');
    expect(result).toEqual({ accepted: 0, duplicates: 0, errors: [{ index: 0, field: 'value', message: UNBILLABLE }] });
    expect(await readingsOf(account.meter.id)).toBe(0);
  });

  it('is refused when readings that each fit add up past the bound, the first one too many and those after it', async () => {
    const account = await customerWithDataMeter('trickle@example.net', [LARGEST_PRICE]);
    const first = await recordReadings(db, [{ meterId: account.meter.id, readAt: '2026-10-05T00:00:00Z', value: '0.6' }], 'api');
    expect(first).toMatchObject({ accepted: 1, errors: [] });
    const more = await recordReadings(
      db,
      [
        { meterId: account.meter.id, readAt: '2026-10-06T00:00:00Z', value: '0.4' },
        { meterId: account.meter.id, readAt: '2026-10-07T00:00:00Z', value: '0.1' },
        { meterId: account.meter.id, readAt: '2026-10-08T00:00:00Z', value: '0.2' },
      ],
      'api',
    );
    expect(more.accepted).toBe(1);
    expect(more.errors.map(({ index, field, message }) => [index, field, message.slice(0, 60)])).toEqual([
      [1, 'value', UNBILLABLE.slice(0, 60)],
      [2, 'value', UNBILLABLE.slice(0, 60)],
    ]);
  });

  it('in an imported file, refuses the commit naming rate, component and meter; nothing is stored', async () => {
    const account = await customerWithDataMeter('import-largest@example.net', [LARGEST_PRICE]);
    const ctx = importContext(db);
    const file = `meter,time,value\n${account.meter.id},2026-10-05T00:00:00Z,1\n${account.meter.id},2026-10-06T00:00:00Z,${LARGEST_READING}\n`;
    const uploaded = await createImport(ctx, { fileName: 'largest.csv', source: 'bounds', bytes: bytesOf(file) });
    const validated = await validateImport(ctx, uploaded.id, { mapping: { meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value' } });
    expect(validated.validRows).toBe(2);
    const refused = await commitImport(ctx, uploaded.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems).toEqual([
      {
        field: 'file',
        message:
          "the file's readings bring the meter's unbilled consumption to a charge no invoice line can hold: " +
          `${unbillable('100000000000000000000', '€1,000,000,000,000,000,000,000,000,000,000,000.00', '100000000000000000000000000000000000')}; nothing was stored`,
      },
    ]);
    expect(await readingsOf(account.meter.id)).toBe(0);
  });

  it('bills what fits: one unit at the largest price is a line of exactly the bound', async () => {
    const account = await customerWithDataMeter('one-unit@example.net', [LARGEST_PRICE]);
    expect(await recordReadings(db, [{ meterId: account.meter.id, readAt: '2026-10-05T00:00:00Z', value: '1' }], 'api')).toMatchObject({ accepted: 1, errors: [] });
    const { invoice } = await account.issue();
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.invoiceId)).orderBy(invoiceLines.position);
    expect(lines.map((line) => [line.kind, line.quantity, line.amountMinor])).toEqual([
      ['plan', '1', 4900n],
      ['usage', '1', MAX_AMOUNT_MINOR],
    ]);
    expect(invoice.total).toEqual({ amountMinor: (MAX_AMOUNT_MINOR + 4900n).toString(), currency: 'EUR' });
  });
});

describe('a line that a later rate makes too large', () => {
  it('stops issuing for good with LineAmountOutOfBoundsError, not a database error retried forever; nothing is stored', async () => {
    // Readings stored while the customer is on no rate: nothing to check them against yet.
    const account = await customerWithDataMeter('later-rate@example.net', null);
    expect(await recordReadings(db, [{ meterId: account.meter.id, readAt: '2026-10-05T00:00:00Z', value: LARGEST_READING }], 'api')).toMatchObject({ accepted: 1 });
    const [rate] = await db.insert(rates).values({ name: 'Metered', currency: 'EUR', components: [{ ...LARGEST_PRICE, ranges: [{ upTo: null, unitAmountDecimal: '1000' }] }] }).returning();
    await db.insert(customerRates).values({ customerId: account.customer.id, rateId: rate!.id, effectiveFrom: '2026-10-01' });

    const error = await account.issue().catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(LineAmountOutOfBoundsError);
    const failure = classifyActivityFailure(error, 'issueRecurringInvoice') as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: true, type: BILLING_DATA_ERROR });
    expect(failure.message).toContain('issueRecurringInvoice: rate "Metered", component "Data" on meter "data": 99999999999999999999 GB comes to €999,999,999,999,999,999,990.00');
    expect(await invoicesOf(account.customer.id)).toBe(0);
  });
});
