// Rates, customer rate assignments, meters and readings through the REST API, on the real stack:
// each endpoint's answer, every refused field named (and nothing stored), and readings as a
// meter reader sends them: ten thousand at once, again as duplicates, a register rolling over,
// a reading in another unit, and two calls racing on one register.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerRates, meterReadings, meters, rates } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let eurCustomer: string;
let usdCustomer: string;

const dataRate = {
  name: 'Data usage',
  currency: 'EUR',
  components: [
    { type: 'fixed', name: 'Line rental', amount: 500 },
    { type: 'stepped', name: 'Data', meter: 'data', ranges: [{ upTo: 100, unitAmountDecimal: '0' }, { upTo: null, unitAmountDecimal: '0.045', flatAmount: 100 }] },
  ],
};

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  eurCustomer = (await createCustomer(harness.stack.ctx, { name: 'Meter Reader', email: 'reader@example.net', currency: 'EUR' })).customer.id;
  usdCustomer = (await createCustomer(harness.stack.ctx, { name: 'Dollar Reader', email: 'usd@example.net', currency: 'USD' })).customer.id;
});
afterAll(() => harness?.dispose());

const UNKNOWN_ID = '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30';

async function tally() {
  const { db } = harness.stack.ctx;
  const n = async (table: typeof rates | typeof customerRates | typeof meters | typeof meterReadings) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { rates: await n(rates), customerRates: await n(customerRates), meters: await n(meters), readings: await n(meterReadings) };
}

/** A request that must be refused with 422 naming exactly these fields, storing nothing. */
async function refused(request: () => Promise<{ status: number; body: Json }>, fields: string[]): Promise<Json> {
  const before = await tally();
  const answer = await request();
  expect(answer.status).toBe(422);
  expect(answer.body.type).toBe('urn:uplink:problem:invalid-request');
  expect(answer.body.errors.map((error: Json) => error.field).sort()).toEqual([...fields].sort());
  expect(await tally()).toEqual(before);
  return answer.body;
}

const messageOf = (body: Json, field: string) => body.errors.find((error: Json) => error.field === field)?.message as string;

async function newMeter(fields: Record<string, unknown>): Promise<Json> {
  const answer = await api.post('/api/v1/meters', { customerId: eurCustomer, ...fields });
  expect(answer.status).toBe(201);
  return answer.body;
}

describe('rates', () => {
  it('creates, lists, gets and changes a rate', async () => {
    const created = await api.post('/api/v1/rates', dataRate);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/rates/${created.body.id}`);
    expect(created.body).toMatchObject({ name: 'Data usage', currency: 'EUR', components: dataRate.components, revenueAccountCode: '4100' });

    const listed = await api.get('/api/v1/rates?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((rate: Json) => rate.id)).toContain(created.body.id);

    const fetched = await api.get(`/api/v1/rates/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);

    const components = [{ type: 'package', name: 'Data packs', meter: 'data', packageSize: 10, amount: 250, freeUnits: 5 }];
    const changed = await api.patch(`/api/v1/rates/${created.body.id}`, { name: 'Data packs', components });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Data packs', components, currency: 'EUR' });
    expect((await api.get(`/api/v1/rates/${created.body.id}`)).body.components).toEqual(components);
  });

  it('pages through rates with the cursor', async () => {
    for (const n of [1, 2, 3]) expect((await api.post('/api/v1/rates', { ...dataRate, name: `Paged rate ${n}` })).status).toBe(201);
    const first = await api.get('/api/v1/rates?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await api.get(`/api/v1/rates?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((rate: Json) => rate.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names every refused component field by its path', async () => {
    const body = await refused(
      () =>
        api.post('/api/v1/rates', {
          name: 'Broken',
          currency: 'EUR',
          components: [
            { type: 'fixed', name: 'Rental', amount: -1 },
            {
              type: 'stepped',
              name: 'Data',
              meter: 'Data',
              ranges: [
                { upTo: 100, unitAmountDecimal: '0.0000001' },
                { upTo: 50, unitAmountDecimal: '-1' },
                { upTo: null, unitAmountDecimal: '1', flatAmount: 1.5 },
              ],
            },
            { type: 'package', name: 'Packs', meter: 'data', packageSize: 0, amount: 100 },
            { type: 'tiered', name: 'Nope' },
            { type: 'volume', name: 'Voice', meter: 'voice', ranges: [{ upTo: null, unitAmountDecimal: '1' }, { upTo: null, unitAmountDecimal: '2' }] },
          ],
        }),
      [
        'components[0].amount',
        'components[1].meter',
        'components[1].ranges[0].unitAmountDecimal',
        'components[1].ranges[1].unitAmountDecimal',
        'components[1].ranges[1].upTo',
        'components[1].ranges[2].flatAmount',
        'components[2].packageSize',
        'components[3].type',
        'components[4].ranges[0].upTo',
      ],
    );
    expect(messageOf(body, 'components[0].amount')).toContain('0 or more');
    expect(messageOf(body, 'components[1].ranges[0].unitAmountDecimal')).toContain('at most 6 decimals');
    expect(messageOf(body, 'components[1].ranges[1].unitAmountDecimal')).toContain('0 or more');
    expect(messageOf(body, 'components[1].ranges[1].upTo')).toContain("greater than the previous range's upTo (100)");
    expect(messageOf(body, 'components[2].packageSize')).toContain('greater than 0');
    expect(messageOf(body, 'components[1].meter')).toContain('lowercase letter');
    expect(messageOf(body, 'components[4].ranges[0].upTo')).toContain('only the last range');
  });

  it('refuses a missing name, a bad currency, no components and an unknown revenue account', async () => {
    await refused(() => api.post('/api/v1/rates', { currency: 'euro', components: [] }), ['name', 'currency']);
    await refused(() => api.post('/api/v1/rates', { name: 'Empty', currency: 'EUR', components: [] }), ['components']);
    const account = await refused(() => api.post('/api/v1/rates', { ...dataRate, revenueAccountCode: '9999' }), ['revenueAccountCode']);
    expect(messageOf(account, 'revenueAccountCode')).toContain('9999');
    await refused(() => api.patch(`/api/v1/rates/${UNKNOWN_ID}`, {}), ['(body)']);
    expect((await api.get(`/api/v1/rates/${UNKNOWN_ID}`)).status).toBe(404);
  });
});

describe('customer rates', () => {
  it('assigns a rate from a date, replaces it later, and lists both', async () => {
    const rate = (await api.post('/api/v1/rates', { ...dataRate, name: 'Assigned' })).body;
    const successor = (await api.post('/api/v1/rates', { ...dataRate, name: 'Successor' })).body;
    const first = await api.post(`/api/v1/customers/${eurCustomer}/rates`, { rateId: rate.id, from: '2026-01-01' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rateId: rate.id, rateName: 'Assigned', from: '2026-01-01', endedOn: null, currency: 'EUR' });

    const early = await refused(
      () => api.post(`/api/v1/customers/${eurCustomer}/rates`, { rateId: successor.id, from: '2026-01-01', replaces: first.body.id }),
      ['from'],
    );
    expect(messageOf(early, 'from')).toContain('2026-01-01');

    const second = await api.post(`/api/v1/customers/${eurCustomer}/rates`, { rateId: successor.id, from: '2026-02-15', replaces: first.body.id });
    expect(second.status).toBe(201);
    const listed = await api.get(`/api/v1/customers/${eurCustomer}/rates`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: Json) => [item.rateName, item.from, item.endedOn])).toEqual([
      ['Successor', '2026-02-15', null],
      ['Assigned', '2026-01-01', '2026-02-15'],
    ]);

    // The ended assignment is no longer current: it cannot be replaced again.
    await refused(() => api.post(`/api/v1/customers/${eurCustomer}/rates`, { rateId: rate.id, from: '2026-03-01', replaces: first.body.id }), ['replaces']);
    // Once assigned, the rate's currency is fixed.
    const locked = await refused(() => api.patch(`/api/v1/rates/${rate.id}`, { currency: 'USD' }), ['currency']);
    expect(messageOf(locked, 'currency')).toContain('assigned');
  });

  it("refuses a rate in another currency than the customer's, unknown rates and bad dates", async () => {
    const rate = (await api.post('/api/v1/rates', { ...dataRate, name: 'Euro only' })).body;
    const currency = await refused(() => api.post(`/api/v1/customers/${usdCustomer}/rates`, { rateId: rate.id, from: '2026-01-01' }), ['rateId']);
    expect(messageOf(currency, 'rateId')).toBe('the rate is priced in EUR, the customer is billed in USD');
    await refused(() => api.post(`/api/v1/customers/${eurCustomer}/rates`, { rateId: UNKNOWN_ID, from: '2026-01-01' }), ['rateId']);
    await refused(() => api.post(`/api/v1/customers/${eurCustomer}/rates`, { rateId: rate.id, from: '2026-02-30' }), ['from']);
    await refused(() => api.post(`/api/v1/customers/${eurCustomer}/rates`, { from: '2026-01-01' }), ['rateId']);
    expect((await api.post(`/api/v1/customers/${UNKNOWN_ID}/rates`, { rateId: rate.id, from: '2026-01-01' })).status).toBe(404);
  });
});

describe('meters', () => {
  it('creates a meter with its unit normalised, lists it by customer, and gets it', async () => {
    const meter = await newMeter({ key: 'colo-power', unit: 'KB', kind: 'cumulative', registerMax: '99999', base: 1024 });
    expect(meter).toMatchObject({ key: 'colo-power', unit: 'kB', kind: 'cumulative', registerMax: '99999', base: 1024, customerId: eurCustomer });
    const listed = await api.get(`/api/v1/meters?customerId=${eurCustomer}&limit=100`);
    expect(listed.body.items.map((item: Json) => item.id)).toContain(meter.id);
    expect((await api.get(`/api/v1/meters?customerId=${usdCustomer}`)).body.items).toEqual([]);
    const fetched = await api.get(`/api/v1/meters/${meter.id}`);
    expect(fetched.body).toEqual({ ...meter, latestReading: null });
  });

  it('refuses a duplicate key, a register on a delta meter, bad fields and unknown customers', async () => {
    await newMeter({ key: 'voice', unit: 'minutes', kind: 'delta' });
    const duplicate = await refused(() => api.post('/api/v1/meters', { customerId: eurCustomer, key: 'voice', unit: 'min', kind: 'delta' }), ['key']);
    expect(messageOf(duplicate, 'key')).toBe('the customer already has a meter with the key "voice"');
    await refused(() => api.post('/api/v1/meters', { customerId: eurCustomer, key: 'sms', unit: 'messages', kind: 'delta', registerMax: 10 }), ['registerMax']);
    await refused(
      () => api.post('/api/v1/meters', { customerId: eurCustomer, key: 'Bad Key', unit: '', kind: 'gauge', registerMax: '0', base: 1023 }),
      ['key', 'unit', 'kind', 'registerMax', 'base'],
    );
    await refused(() => api.post('/api/v1/meters', { customerId: UNKNOWN_ID, key: 'data', unit: 'GB', kind: 'delta' }), ['customerId']);
    expect((await api.get(`/api/v1/meters/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await api.get(`/api/v1/meters/${UNKNOWN_ID}/readings`)).status).toBe(404);
  });
});

describe('readings', () => {
  const post = (readings: unknown[]) => api.post('/api/v1/readings', { readings });

  it('takes 10,000 readings in one call, counts the same call again as duplicates, and refuses 10,001', async () => {
    const meter = await newMeter({ key: 'bulk', unit: 'GB', kind: 'cumulative' });
    const start = Date.UTC(2026, 0, 1);
    const readings = Array.from({ length: 10_000 }, (_, i) => ({
      meterId: meter.id,
      readAt: new Date(start + i * 60_000).toISOString(),
      value: String(i * 2),
      ref: `bulk-${i}`,
    }));
    const first = await post(readings);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 10_000, duplicates: 0, errors: [] });

    const again = await post(readings);
    expect(again.body).toEqual({ accepted: 0, duplicates: 10_000, errors: [] });

    const [stored] = await harness.stack.ctx.db.select({ n: count() }).from(meterReadings).where(eq(meterReadings.meterId, meter.id));
    expect(stored?.n).toBe(10_000);

    const latest = (await api.get(`/api/v1/meters/${meter.id}`)).body.latestReading;
    expect(latest).toMatchObject({ value: '19998', consumption: '2', readAt: readings[9_999]!.readAt, billed: false, invoiceId: null, source: 'api', ref: 'bulk-9999' });

    const tooMany = await refused(() => post([...readings, { meterId: meter.id, readAt: '2027-01-01T00:00:00Z', value: 1 }]), ['readings']);
    expect(messageOf(tooMany, 'readings')).toContain('10,000');
  });

  it('pages through a meter’s readings newest first', async () => {
    const meter = await newMeter({ key: 'paged', unit: 'kWh', kind: 'delta' });
    await post(['01', '02', '03'].map((day) => ({ meterId: meter.id, readAt: `2026-03-${day}T00:00:00Z`, value: day })));
    const first = await api.get(`/api/v1/meters/${meter.id}/readings?limit=2`);
    expect(first.body.items.map((reading: Json) => reading.readAt)).toEqual(['2026-03-03T00:00:00.000Z', '2026-03-02T00:00:00.000Z']);
    const second = await api.get(`/api/v1/meters/${meter.id}/readings?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ readAt: '2026-03-01T00:00:00.000Z', consumption: '1', unit: 'kWh' }], nextCursor: null });
  });

  it('rolls a register over past registerMax and refuses a reading below the previous one with the reason', async () => {
    const rolling = await newMeter({ key: 'rolling', unit: 'kWh', kind: 'cumulative', registerMax: 9999 });
    const plain = await newMeter({ key: 'plain', unit: 'kWh', kind: 'cumulative' });
    const answer = await post([
      { meterId: rolling.id, readAt: '2026-01-01T00:00:00Z', value: 9990 },
      { meterId: rolling.id, readAt: '2026-01-02T00:00:00Z', value: 5 },
      { meterId: plain.id, readAt: '2026-01-01T00:00:00Z', value: 500 },
      { meterId: plain.id, readAt: '2026-01-02T00:00:00Z', value: 400 },
      { meterId: plain.id, readAt: '2026-01-03T00:00:00Z', value: 20, replacement: true },
      { meterId: plain.id, readAt: '2026-01-04T00:00:00Z', value: 25 },
    ]);
    expect(answer.body.accepted).toBe(5);
    expect(answer.body.errors).toEqual([{ index: 3, field: 'value', message: expect.stringContaining('below the previous reading 500') }]);
    const consumption = async (meterId: string) =>
      (await api.get(`/api/v1/meters/${meterId}/readings`)).body.items.map((reading: Json) => [reading.value, reading.consumption, reading.replacement]);
    // 9999 + 1 - 9990 + 5: the register counted up to its maximum, rolled to 0, then on to 5.
    expect(await consumption(rolling.id)).toEqual([['5', '15', false], ['9990', '0', false]]);
    expect(await consumption(plain.id)).toEqual([['25', '5', false], ['20', '0', true], ['500', '0', false]]);

    const late = await post([{ meterId: plain.id, readAt: '2026-01-03T12:00:00Z', value: 22 }]);
    expect(late.body).toEqual({ accepted: 0, duplicates: 0, errors: [{ index: 0, field: 'readAt', message: expect.stringContaining("at or before the meter's latest reading (25 kWh") }] });
  });

  it('converts a reading in MB into a GB meter, and refuses a unit of another family naming both', async () => {
    const meter = await newMeter({ key: 'data', unit: 'GB', kind: 'delta' });
    const answer = await post([
      { meterId: meter.id, readAt: '2026-02-01T10:00:00+01:00', value: '1500', unit: 'MB' },
      { meterId: meter.id, readAt: '2026-02-02T09:00:00Z', value: 30, unit: 'minutes' },
    ]);
    expect(answer.body.accepted).toBe(1);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0]).toMatchObject({ index: 1, field: 'unit' });
    expect(answer.body.errors[0].message).toMatch(/minutes.*GB/);
    const [reading] = (await api.get(`/api/v1/meters/${meter.id}/readings`)).body.items;
    expect(reading).toMatchObject({ value: '1.5', consumption: '1.5', unit: 'GB', readAt: '2026-02-01T09:00:00.000Z' });

    // The same instant written in UTC is the same reading: a duplicate with the same value...
    const same = await post([{ meterId: meter.id, readAt: '2026-02-01T09:00:00Z', value: '1.5' }]);
    expect(same.body).toEqual({ accepted: 0, duplicates: 1, errors: [] });
    // ...and an error naming the stored value with another.
    const other = await post([{ meterId: meter.id, readAt: '2026-02-01T09:00:00Z', value: '2' }]);
    expect(other.body.errors).toEqual([{ index: 0, field: 'readAt', message: expect.stringContaining('already stored with the value 1.5 GB') }]);
  });

  it('reports each bad reading by index and field and stores the good ones', async () => {
    const meter = await newMeter({ key: 'mixed', unit: 'GB', kind: 'delta' });
    const before = await tally();
    const answer = await post([
      { meterId: meter.id, readAt: '2026-04-01T00:00:00', value: 1 },
      { meterId: meter.id, readAt: '2026-04-01T00:00:00Z', value: -3 },
      { meterId: UNKNOWN_ID, readAt: '2026-04-01T00:00:00Z', value: 1 },
      { meterId: meter.id, readAt: '2026-04-02T00:00:00Z', value: 'lots', colour: 'red' },
      { meterId: meter.id, readAt: '2026-04-03T00:00:00Z', value: 2, replacement: true },
      'not a reading',
      { meterId: meter.id, readAt: '2026-04-04T00:00:00Z', value: '4.25' },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(1);
    expect(answer.body.errors.map((error: Json) => [error.index, error.field])).toEqual([
      [0, 'readAt'],
      [1, 'value'],
      [2, 'meterId'],
      [3, 'colour'],
      [3, 'value'],
      [4, 'replacement'],
      [5, '(reading)'],
    ]);
    expect(answer.body.errors[0].message).toContain('Z or an offset');
    expect((await tally()).readings).toBe(before.readings + 1);
  });

  it('refuses values of more digits than a meter shows by index, storing the call’s other readings', async () => {
    const meter = await newMeter({ key: 'long-values', unit: 'kWh', kind: 'delta' });
    const answer = await post([
      { meterId: meter.id, readAt: '2026-05-01T00:00:00Z', value: '7.25' },
      { meterId: meter.id, readAt: '2026-05-02T00:00:00Z', value: '9'.repeat(25) },
      { meterId: meter.id, readAt: '2026-05-03T00:00:00Z', value: `0.${'1'.repeat(20_000)}` },
      { meterId: meter.id, readAt: '2026-05-04T00:00:00Z', value: '8' },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accepted: 2,
      duplicates: 0,
      errors: [
        { index: 1, field: 'value', message: 'has 25 digits before the decimal point; at most 20' },
        { index: 2, field: 'value', message: 'has 20000 digits after the decimal point; at most 18' },
      ],
    });
    const stored = (await api.get(`/api/v1/meters/${meter.id}/readings`)).body.items.map((reading: Json) => reading.value);
    expect(stored).toEqual(['8', '7.25']);
  });

  it('refuses a call that is not a list of readings, storing nothing', async () => {
    await refused(() => api.post('/api/v1/readings', { readings: 'all of them' }), ['readings']);
    await refused(() => api.post('/api/v1/readings', {}), ['readings']);
  });

  it('gives two concurrent calls on one register consistent consumption', async () => {
    const meter = await newMeter({ key: 'racing', unit: 'kWh', kind: 'cumulative' });
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 0, minute)).toISOString();
    const early = Array.from({ length: 200 }, (_, i) => ({ meterId: meter.id, readAt: at(i), value: i * 10 }));
    const late = Array.from({ length: 200 }, (_, i) => ({ meterId: meter.id, readAt: at(200 + i), value: (200 + i) * 10 }));
    const [a, b] = await Promise.all([post(early), post(late)]);
    const accepted = a.body.accepted + b.body.accepted;
    const errors = [...a.body.errors, ...b.body.errors];
    // Whichever call went first, the second either continued the register or was refused as out of order.
    expect(accepted + errors.length).toBe(400);
    const stored = await harness.stack.ctx.db
      .select({ value: meterReadings.value, consumption: meterReadings.consumption })
      .from(meterReadings)
      .where(eq(meterReadings.meterId, meter.id))
      .orderBy(meterReadings.readAt);
    expect(stored).toHaveLength(accepted);
    // Consumption always equals the difference to the stored reading just before: nothing counted twice.
    stored.forEach((reading, i) => {
      const previous = stored[i - 1];
      expect(Number(reading.consumption)).toBe(previous ? Number(reading.value) - Number(previous.value) : 0);
    });
    const total = stored.reduce((sum, reading) => sum + Number(reading.consumption), 0);
    expect(total).toBe(Number(stored.at(-1)!.value) - Number(stored[0]!.value));
  });
});
