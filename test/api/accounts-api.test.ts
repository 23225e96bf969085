// The chart of accounts through the REST API, on the real stack: the seeded chart with posted
// balances, adding and renaming accounts, every refused field named with nothing stored, and a
// type that stays put once the books depend on it.
import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, journalEntries, journalLines } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
});
afterAll(() => harness?.dispose());

const accountCount = async () => (await harness.stack.ctx.db.select({ n: count() }).from(accounts))[0]?.n ?? 0;

/** Books 12.50 EUR from `debit` to `credit`, as a posted entry would. */
async function post(debit: string, credit: string): Promise<void> {
  // One transaction: the database checks that an entry balances when it commits.
  await harness.stack.ctx.db.transaction(async (tx) => {
    const [entry] = await tx.insert(journalEntries).values({ entryDate: '2026-03-01', description: 'Test posting', sourceType: 'test', sourceId: randomUUID() }).returning();
    await tx.insert(journalLines).values([
      { entryId: entry!.id, accountCode: debit, amountMinor: 1250n, currency: 'EUR' },
      { entryId: entry!.id, accountCode: credit, amountMinor: -1250n, currency: 'EUR' },
    ]);
  });
}

async function refused(request: () => Promise<{ status: number; body: Json }>, fields: string[]): Promise<Json> {
  const before = await harness.stack.ctx.db.select().from(accounts).orderBy(accounts.code);
  const answer = await request();
  expect(answer.status).toBe(422);
  expect(answer.body.errors.map((error: Json) => error.field).sort()).toEqual([...fields].sort());
  expect(await harness.stack.ctx.db.select().from(accounts).orderBy(accounts.code)).toEqual(before);
  return answer.body;
}

describe('accounts API', () => {
  it('lists the seeded chart by code', async () => {
    const listed = await api.get('/api/v1/accounts');
    expect(listed.status).toBe(200);
    const codes = listed.body.items.map((account: Json) => account.code);
    expect(codes).toEqual(expect.arrayContaining(['1000', '1100', '2100', '2200', '4000', '4100', '4200', '4300', '4900']));
    expect(codes).toEqual([...codes].sort());
    expect(listed.body.items.find((account: Json) => account.code === '1100')).toMatchObject({ type: 'asset' });
  });

  it('creates an account, shows its posted balance, and renames it', async () => {
    const created = await api.post('/api/v1/accounts', { code: '4400', name: 'Installation fees', type: 'income' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/api/v1/accounts/4400');
    expect(created.body).toMatchObject({ code: '4400', name: 'Installation fees', type: 'income', balances: [] });

    await post('1100', '4400');
    const fetched = await api.get('/api/v1/accounts/4400');
    expect(fetched.body.balances).toEqual([{ amountMinor: '-1250', currency: 'EUR' }]);
    const listed = await api.get('/api/v1/accounts');
    expect(listed.body.items.find((account: Json) => account.code === '4400').balances).toEqual([{ amountMinor: '-1250', currency: 'EUR' }]);

    const renamed = await api.patch('/api/v1/accounts/4400', { name: 'Installation' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ code: '4400', name: 'Installation', type: 'income' });
  });

  it('refuses a duplicate code, a bad code and a bad type, naming the field and storing nothing', async () => {
    const before = await accountCount();
    const duplicate = await refused(() => api.post('/api/v1/accounts', { code: '4000', name: 'Again', type: 'income' }), ['code']);
    expect(duplicate.errors[0].message).toContain('already exists');
    await refused(() => api.post('/api/v1/accounts', { code: '12', name: 'Short', type: 'income' }), ['code']);
    await refused(() => api.post('/api/v1/accounts', { code: '12ab', name: 'Letters', type: 'expense' }), ['code']);
    await refused(() => api.post('/api/v1/accounts', { code: '6500', name: 'Rent', type: 'cost' }), ['type']);
    const recoded = await api.patch('/api/v1/accounts/4000', { code: '4001' });
    expect(recoded.status).toBe(422);
    expect(JSON.stringify(recoded.body.errors)).toContain('code');
    expect(await accountCount()).toBe(before);
  });

  it('changes the type of an unused account, but not once posted to, nor of a ledger account', async () => {
    expect((await api.post('/api/v1/accounts', { code: '6500', name: 'Rent', type: 'income' })).status).toBe(201);
    const changed = await api.patch('/api/v1/accounts/6500', { type: 'expense' });
    expect(changed.status).toBe(200);
    expect(changed.body.type).toBe('expense');

    await post('6500', '1000');
    const posted = await refused(() => api.patch('/api/v1/accounts/6500', { type: 'asset' }), ['type']);
    expect(posted.errors[0].message).toContain('journal lines');
    expect((await api.patch('/api/v1/accounts/6500', { name: 'Office rent' })).body).toMatchObject({ name: 'Office rent', type: 'expense' });

    const ledger = await refused(() => api.patch('/api/v1/accounts/4900', { type: 'equity' }), ['type']);
    expect(ledger.errors[0].message).toContain('ledger');
  });

  it('keeps the type of an income account that items book their revenue to', async () => {
    expect((await api.post('/api/v1/accounts', { code: '4250', name: 'Installation revenue', type: 'income' })).status).toBe(201);
    const item = await api.post('/api/v1/items', { name: 'Installation visit', kind: 'service', unitPrice: 9000, currency: 'EUR', taxRate: '21', revenueAccountCode: '4250' });
    expect(item.status).toBe(201);
    const refusedChange = await refused(() => api.patch('/api/v1/accounts/4250', { type: 'expense' }), ['type']);
    expect(refusedChange.errors[0].message).toBe('cannot change: items book their revenue to this account');
  });

  it('answers 404 for an unknown code', async () => {
    expect((await api.get('/api/v1/accounts/9999')).status).toBe(404);
    expect((await api.get('/api/v1/accounts/not-a-code')).status).toBe(404);
    expect((await api.patch('/api/v1/accounts/9999', { name: 'Nobody' })).status).toBe(404);
  });
});
