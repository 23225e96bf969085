// Values at the edge of what the API takes, against the real stack: every value accepted is one
// billing can compute and Postgres can store, and every other one is refused with 422 naming the
// field, with nothing stored, instead of a 500 or a silent change.
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, meterReadings, meters, plans } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let customerId: string;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  customerId = (await createCustomer(harness.stack.ctx, { name: 'Edge Case', email: 'edge@example.net', currency: 'EUR' })).customer.id;
});
afterAll(() => harness?.dispose());

/** What the requests below could store or change. */
async function stored() {
  const { db } = harness.stack.ctx;
  return {
    plans: await db.select().from(plans).orderBy(asc(plans.id)),
    customers: await db.select().from(customers).orderBy(asc(customers.id)),
    meters: await db.select().from(meters).orderBy(asc(meters.id)),
    readings: await db.select().from(meterReadings).orderBy(asc(meterReadings.id)),
  };
}

/** A request refused with 422 naming exactly `field`, storing and changing nothing; the message. */
async function refusedNaming(field: string, request: () => Promise<{ status: number; body: Json }>): Promise<string> {
  const before = await stored();
  const answer = await request();
  expect(answer.status).toBe(422);
  expect(answer.body.type).toBe('urn:uplink:problem:invalid-request');
  expect(answer.body.errors.map((error: Json) => error.field)).toEqual([field]);
  expect(await stored()).toEqual(before);
  return answer.body.errors[0].message as string;
}

/** Posts JSON text as written, for numbers JSON.stringify would already have rounded. */
const postText = (path: string, json: string) => api.send('POST', path, json);

const plan = { name: 'Fibre 100', amount: '4900', currency: 'EUR', interval: 'month' };

describe('plan amounts', () => {
  it('takes a plan at the amount bound, and refuses one above it (past bigint, or 400 digits) naming amount', async () => {
    const most = await api.post('/api/v1/plans', { ...plan, amount: '1000000000000000' });
    expect(most.status).toBe(201);
    expect(most.body.amount).toEqual({ amountMinor: '1000000000000000', currency: 'EUR' });

    for (const amount of ['1000000000000001', '9223372036854775808', '9'.repeat(400)]) {
      expect(await refusedNaming('amount', () => api.post('/api/v1/plans', { ...plan, amount }))).toBe('must be at most 1000000000000000 minor units');
      expect(await refusedNaming('amount', () => api.patch(`/api/v1/plans/${most.body.id}`, { amount }))).toBe('must be at most 1000000000000000 minor units');
    }
    const [stored] = await harness.stack.ctx.db.select().from(plans).where(eq(plans.id, most.body.id));
    expect(stored?.amountMinor).toBe(10n ** 15n);
  });
});

describe('text that Postgres cannot store', () => {
  const NUL = 'must not contain control character U+0000';

  it('is refused in any string of any body, keys and query included, naming the field', async () => {
    expect(await refusedNaming('name', () => api.post('/api/v1/plans', { ...plan, name: 'Fibre\u0000100' }))).toBe(NUL);
    expect(await refusedNaming('email', () => api.post('/api/v1/customers', { name: 'Nul', email: 'nul\u0000@example.net', currency: 'EUR' }))).toBe(NUL);
    const fibre = await api.post('/api/v1/plans', plan);
    expect(await refusedNaming('name', () => api.patch(`/api/v1/plans/${fibre.body.id}`, { name: '\u0000' }))).toBe(NUL);
    expect(await refusedNaming('readings.0.ref', () => api.post('/api/v1/readings', { readings: [{ meterId: customerId, readAt: '2026-01-01T00:00:00Z', value: '1', ref: 'a\u0000' }] }))).toBe(NUL);
    expect(await refusedNaming('na\u0000me', () => api.post('/api/v1/plans', { ...plan, ['na\u0000me']: 'x' }))).toBe(`is a field name that ${NUL}`);
    expect(await refusedNaming('search', () => api.get('/api/v1/customers?search=%00'))).toBe(NUL);
  });

  it('refuses a lone surrogate (invalid UTF-16) the same way, and keeps a real pair', async () => {
    expect(await refusedNaming('name', () => postText('/api/v1/plans', JSON.stringify({ ...plan, name: 'Fibre \ud83d' })))).toBe(
      'must be valid Unicode text, without a lone surrogate (U+D83D at character 7)',
    );
    const emoji = await postText('/api/v1/plans', JSON.stringify({ ...plan, name: 'Fibre \ud83d\ude80' }));
    expect(emoji.status).toBe(201);
    expect(emoji.body.name).toBe('Fibre 🚀');
  });

  it('is refused in a staff form with 422 naming the field, before anything is saved', async () => {
    const browser = new StaffBrowser(harness.url);
    await browser.signIn(await harness.newStaff());
    await browser.get('/staff/plans');
    const before = await stored();
    const answer = await browser.postForm('/staff/plans', { name: 'Fibre\u0000', amount: '4900', currency: 'EUR', interval: 'month' });
    expect(answer.status).toBe(422);
    expect(await answer.text()).toContain(`name ${NUL}`);
    expect(await stored()).toEqual(before);
  });
});

describe('JSON numbers', () => {
  let meterId: string;
  beforeAll(async () => {
    meterId = (await api.post('/api/v1/meters', { customerId, key: 'data', unit: 'GB', kind: 'delta' })).body.id;
  });

  it('are refused when JavaScript cannot hold them as written, asking for a decimal string', async () => {
    const reading = (value: string) => `{"readings": [{"meterId": "${meterId}", "readAt": "2026-01-02T00:00:00Z", "value": ${value}}]}`;
    expect(await refusedNaming('readings.0.value', () => postText('/api/v1/readings', reading('12345678901234567.89')))).toBe(
      'is the JSON number 12345678901234567.89, which cannot be held exactly (it would be read as 12345678901234568): send it as a decimal string "12345678901234567.89"',
    );
    const meter = `{"customerId": "${customerId}", "key": "power", "unit": "kWh", "kind": "cumulative", "registerMax": 12345678901234567.89}`;
    expect(await refusedNaming('registerMax', () => postText('/api/v1/meters', meter))).toContain('send it as a decimal string "12345678901234567.89"');
    expect(await refusedNaming('amount', () => postText('/api/v1/plans', JSON.stringify(plan).replace('"4900"', '9007199254740993')))).toContain(
      'it would be read as 9007199254740992',
    );

    const exact = await postText('/api/v1/readings', reading('0.1'));
    expect(exact.body).toMatchObject({ accepted: 1, errors: [] });
    const [storedReading] = await harness.stack.ctx.db.select().from(meterReadings).where(eq(meterReadings.meterId, meterId));
    expect(storedReading?.value).toBe('0.1');
  });

  it('out of range (1e309, read as Infinity) is refused as such, not as "a number, not number"', async () => {
    expect(await refusedNaming('amount', () => postText('/api/v1/plans', JSON.stringify(plan).replace('"4900"', '1e309')))).toBe(
      'is the JSON number 1e309, which is out of range (it would be read as Infinity): send it as a decimal string such as "12.5"',
    );
  });
});
