// The items catalog through the REST API, against the real stack: what an integrator sends, what
// comes back, what is stored, and that every refusal names the field and stores nothing.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, items } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  await harness.stack.ctx.db
    .insert(accounts)
    .values([{ code: '4910', name: 'Revenue: installation', type: 'income' }])
    .onConflictDoNothing();
});
afterAll(() => harness?.dispose());

async function storedItems(): Promise<Json[]> {
  return harness.stack.ctx.db.select().from(items).orderBy(items.id);
}

/** A request that must be refused with 422 naming exactly these fields, storing and changing nothing. */
async function refused(request: () => Promise<{ status: number; body: Json }>, fields: string[]): Promise<Json> {
  const before = await storedItems();
  const answer = await request();
  expect(answer.status).toBe(422);
  expect(answer.body.type).toBe('urn:uplink:problem:invalid-request');
  expect(answer.body.errors.map((error: Json) => error.field).sort()).toEqual([...fields].sort());
  expect(await storedItems()).toEqual(before);
  return answer.body;
}

const messageOf = (body: Json, field: string) => body.errors.find((error: Json) => error.field === field)?.message as string;

const visit = { name: 'Technician visit', kind: 'service', unitPrice: 8500, currency: 'EUR', taxRate: '21' };

describe('items', () => {
  it('creates an item (201, Location, money in minor units, revenue account by kind), reads it, and changes it', async () => {
    const created = await api.post('/api/v1/items', { ...visit, description: 'Up to one hour on site' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/items/${created.body.id}`);
    expect(created.body).toMatchObject({
      name: 'Technician visit',
      kind: 'service',
      description: 'Up to one hour on site',
      unitPrice: { amountMinor: '8500', currency: 'EUR' },
      revenueAccountCode: '4200',
      taxRate: '21',
      active: true,
    });

    const read = await api.get(created.headers.get('location') ?? '');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const router = await api.post('/api/v1/items', { name: 'Router', kind: 'part', unitPrice: '12999', currency: 'EUR', taxRate: '7.70' });
    expect(router.body).toMatchObject({ revenueAccountCode: '4300', taxRate: '7.7', description: null, unitPrice: { amountMinor: '12999', currency: 'EUR' } });

    const changed = await api.patch(`/api/v1/items/${created.body.id}`, {
      name: 'Technician visit (hour)',
      unitPrice: '9000',
      taxRate: '8.1',
      revenueAccountCode: '4910',
      description: null,
      active: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: created.body.id,
      name: 'Technician visit (hour)',
      unitPrice: { amountMinor: '9000', currency: 'EUR' },
      taxRate: '8.1',
      revenueAccountCode: '4910',
      description: null,
      active: false,
      createdAt: created.body.createdAt,
    });
    const [stored] = await harness.stack.ctx.db.select().from(items).where(eq(items.id, created.body.id));
    expect(stored).toMatchObject({ unitPriceMinor: 9000n, taxRate: '8.1', active: false });
  });

  it('lists newest first, page by page, and filters by kind and by active', async () => {
    const made: string[] = [];
    for (const [name, kind] of [['Cable 5 m', 'part'], ['Wall mount', 'part'], ['Remote support', 'service']] as const) {
      made.push((await api.post('/api/v1/items', { name, kind, unitPrice: 500, currency: 'EUR', taxRate: '21' })).body.id);
    }
    await api.patch(`/api/v1/items/${made[1]}`, { active: false });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await api.get(`/api/v1/items?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: Json) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const [{ n } = { n: 0 }] = await harness.stack.ctx.db.select({ n: count() }).from(items);
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    expect(seen.slice(0, 3)).toEqual([...made].reverse());

    const parts = await api.get('/api/v1/items?kind=part&limit=100');
    expect(parts.body.items.every((item: Json) => item.kind === 'part')).toBe(true);
    expect(parts.body.items.map((item: Json) => item.id)).toEqual(expect.arrayContaining([made[0], made[1]]));

    const activeParts = await api.get('/api/v1/items?kind=part&active=true&limit=100');
    const ids = activeParts.body.items.map((item: Json) => item.id);
    expect(ids).toContain(made[0]);
    expect(ids).not.toContain(made[1]);
    const retired = await api.get('/api/v1/items?active=false&limit=100');
    expect(retired.body.items.map((item: Json) => item.id)).toContain(made[1]);
    expect(retired.body.items.every((item: Json) => item.active === false)).toBe(true);

    await refused(() => api.get('/api/v1/items?kind=plan'), ['kind']);
    await refused(() => api.get('/api/v1/items?active=yes'), ['active']);
  });

  it('refuses a decimal price, a tax rate that is not a plain percentage, and unknown fields, storing nothing', async () => {
    await refused(() => api.post('/api/v1/items', { ...visit, unitPrice: 12.5 }), ['unitPrice']);
    await refused(() => api.post('/api/v1/items', { ...visit, unitPrice: -1 }), ['unitPrice']);
    expect(messageOf(await refused(() => api.post('/api/v1/items', { ...visit, taxRate: '21%' }), ['taxRate']), 'taxRate')).toMatch(/without "%"/);
    expect(messageOf(await refused(() => api.post('/api/v1/items', { ...visit, taxRate: '101' }), ['taxRate']), 'taxRate')).toBe('must be between 0 and 100');
    expect(messageOf(await refused(() => api.post('/api/v1/items', { ...visit, taxRate: '1.23456' }), ['taxRate']), 'taxRate')).toBe('must have at most 4 decimals');
    await refused(() => api.post('/api/v1/items', { ...visit, taxRate: 21 }), ['taxRate']);
    await refused(() => api.post('/api/v1/items', { ...visit, kind: 'subscription' }), ['kind']);
    await refused(() => api.post('/api/v1/items', { ...visit, colour: 'red' }), ['colour']);
  });

  it('books sales only to an existing income account', async () => {
    const unknown = await refused(() => api.post('/api/v1/items', { ...visit, revenueAccountCode: '4999' }), ['revenueAccountCode']);
    expect(messageOf(unknown, 'revenueAccountCode')).toBe('account 4999 does not exist');
    // 1100 is accounts receivable, an asset.
    const asset = await refused(() => api.post('/api/v1/items', { ...visit, revenueAccountCode: '1100' }), ['revenueAccountCode']);
    expect(messageOf(asset, 'revenueAccountCode')).toMatch(/of type asset.*income account/);

    const item = (await api.post('/api/v1/items', visit)).body;
    await refused(() => api.patch(`/api/v1/items/${item.id}`, { revenueAccountCode: '1100' }), ['revenueAccountCode']);
    await refused(() => api.patch(`/api/v1/items/${item.id}`, { taxRate: '21%' }), ['taxRate']);
    await refused(() => api.patch(`/api/v1/items/${item.id}`, { unitPrice: 12.5 }), ['unitPrice']);
    const currency = await refused(() => api.patch(`/api/v1/items/${item.id}`, { currency: 'USD' }), ['currency']);
    expect(messageOf(currency, 'currency')).toMatch(/priced in EUR/);
    await refused(() => api.patch(`/api/v1/items/${item.id}`, { name: 'Visit', kind: 'part' }), ['kind']);
    expect((await api.get(`/api/v1/items/${item.id}`)).body).toEqual(item);
  });

  it('answers 404 for an item that does not exist', async () => {
    const missing = await api.get('/api/v1/items/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await api.patch('/api/v1/items/00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });
});
