// The REST API's success paths against the real stack (Postgres, a Temporal dev server in real
// time, the worker, the built portal), checked the way an integrator would: status, Location,
// fields and amounts, and that billing really happens behind the answers.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, customers, plans } from '../../db/schema.js';
import { createApiKey } from '../../server/services/access/api-keys.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { twoMonthsAgo } from '../support/billed-customer.js';
import { ApiClient } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let fibre: { id: string };

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  fibre = (await api.post('/api/v1/plans', { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' })).body;
});
afterAll(() => harness?.dispose());

const newEmail = (() => {
  let n = 0;
  return (who: string) => `${who}-${++n}@customer.test`;
})();

async function customersWithEmail(email: string): Promise<number> {
  const [row] = await harness.stack.ctx.db.select({ n: count() }).from(customers).where(eq(customers.email, email));
  return row?.n ?? 0;
}

describe('plans', () => {
  it('creates a plan (201, Location, money in minor units), reads it back, lists it, and changes its price', async () => {
    const created = await api.post('/api/v1/plans', { name: 'Fibre 500', amount: '7900', currency: 'EUR', interval: 'year' });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(created.headers.get('location')).toBe(`/api/v1/plans/${created.body.id}`);
    expect(created.body).toMatchObject({ name: 'Fibre 500', amount: { amountMinor: '7900', currency: 'EUR' }, interval: 'year' });
    expect(Date.parse(created.body.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const read = await api.get(created.headers.get('location') ?? '');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const listed = await api.get('/api/v1/plans');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((plan: { id: string }) => plan.id)).toContain(created.body.id);

    const changed = await api.patch(`/api/v1/plans/${created.body.id}`, { name: 'Fibre 500 Plus', amount: 8900 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.body.id, name: 'Fibre 500 Plus', amount: { amountMinor: '8900', currency: 'EUR' } });
    const [stored] = await harness.stack.ctx.db.select().from(plans).where(eq(plans.id, created.body.id));
    expect(stored?.amountMinor).toBe(8900n);
  });
});

describe('customers', () => {
  it('bills a back-dated customer: invoices, emails and a ledger whose running balance matches the invoices', async () => {
    // Two whole periods have ended by today, and no other ends while the test runs.
    const startDate = twoMonthsAgo();
    const email = newEmail('ada');
    const created = await api.post('/api/v1/customers', { name: 'Ada Lovelace', email, currency: 'EUR', planId: fibre.id, startDate });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/v1/customers/${id}`);
    expect(created.body).toMatchObject({
      name: 'Ada Lovelace',
      email,
      currency: 'EUR',
      status: 'active',
      balance: { amountMinor: '0', currency: 'EUR' },
      subscription: { planId: fibre.id, planName: 'Fibre 100', planAmount: { amountMinor: '4900', currency: 'EUR' }, startDate, status: 'active' },
    });

    const invoices = await eventually(
      async () => {
        const page = await api.get(`/api/v1/customers/${id}/invoices`);
        expect(page.body.items).toHaveLength(2);
        return page.body.items;
      },
      { what: 'two invoices' },
    );
    // Newest first: the second period starts where the first ended.
    const [second, first] = invoices as { periodStart: string; periodEnd: string }[];
    expect(first?.periodStart).toBe(startDate);
    expect(second?.periodStart).toBe(first?.periodEnd);
    for (const invoice of invoices) expect(invoice.total).toEqual({ amountMinor: '4900', currency: 'EUR' });

    const document = await api.get(`/api/v1/invoices/${invoices[1].id}`);
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({ number: invoices[1].number, customer: { id, name: 'Ada Lovelace', email } });
    expect(document.body.lines).toHaveLength(1);
    expect(document.body.lines[0]).toMatchObject({ amount: { amountMinor: '4900', currency: 'EUR' }, periodStart: startDate, periodEnd: second?.periodStart });

    const emails = await eventually(
      async () => {
        const page = await api.get(`/api/v1/emails?customerId=${id}`);
        expect(page.body.items).toHaveLength(2);
        // Each email is recorded as pending first, then marked as handed to the outbox.
        expect(page.body.items.map((sent: { status: string }) => sent.status)).toEqual(['outbox', 'outbox']);
        return page.body.items;
      },
      { what: 'two invoice emails' },
    );
    for (const sent of emails) {
      expect(sent).toMatchObject({ kind: 'invoice-issued', recipient: email, customerId: id, status: 'outbox' });
      expect(sent.text).toContain('49.00');
    }
    expect(emails.map((sent: { subject: string }) => sent.subject).join(' ')).toContain(invoices[0].number);
    const html = await api.get(`/api/v1/emails/${emails[0].id}`);
    expect(html.status).toBe(200);
    expect(html.body.html).toContain('<html');

    const ledger = await api.get(`/api/v1/customers/${id}/ledger`);
    expect(ledger.status).toBe(200);
    const entries = ledger.body.items;
    expect(entries).toHaveLength(2);
    let running = 0n;
    for (const entry of entries) {
      running += BigInt(entry.receivableChange.amountMinor);
      expect(entry.runningBalance).toEqual({ amountMinor: String(running), currency: 'EUR' });
      const debits = entry.lines.map((line: { amount: { amountMinor: string } }) => BigInt(line.amount.amountMinor));
      expect(debits.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(0n);
    }
    expect(running).toBe(9800n);

    // Right after its backlog the workflow continues as new; its live status settles a moment later.
    await eventually(async () => {
      const customer = await api.get(`/api/v1/customers/${id}`);
      expect(customer.body.balance).toEqual({ amountMinor: '9800', currency: 'EUR' });
      expect(customer.body.workflow).toMatchObject({
        available: true,
        workflowId: `customer/${id}`,
        status: { status: 'active', planId: fibre.id, invoicesIssued: 2, balance: { amountMinor: '9800', currency: 'EUR' } },
      });
    });
  });

  it('sets up a customer without a plan (workflow running, not billed), then subscribes them', async () => {
    const created = await api.post('/api/v1/customers', { name: 'Grace Hopper', email: newEmail('grace'), currency: 'EUR' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', subscription: null, nextBillDate: null });
    const id = created.body.id;
    const pending = await eventually(async () => {
      const answer = await api.get(`/api/v1/customers/${id}`);
      expect(answer.body.workflow.available).toBe(true);
      return answer.body;
    });
    expect(pending.workflow.status).toMatchObject({ status: 'pending', planId: null, invoicesIssued: 0 });

    const subscribed = await api.post(`/api/v1/customers/${id}/subscriptions`, { planId: fibre.id });
    expect(subscribed.status).toBe(201);
    expect(subscribed.headers.get('location')).toBe(`/api/v1/customers/${id}`);
    expect(subscribed.body).toMatchObject({ id, status: 'active', subscription: { planId: fibre.id, status: 'active' } });
    expect(subscribed.body.nextBillDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await eventually(async () => {
      const answer = await api.get(`/api/v1/customers/${id}`);
      expect(answer.body.workflow.status).toMatchObject({ status: 'active', planId: fibre.id });
    });
  });

  it('moves a customer to another plan from the next period, then cancels them', async () => {
    const faster = (await api.post('/api/v1/plans', { name: 'Fibre 1000', amount: 6900, currency: 'EUR', interval: 'month' })).body;
    const id = (await api.post('/api/v1/customers', { name: 'Alan Turing', email: newEmail('alan'), currency: 'EUR', planId: fibre.id })).body.id;

    const moved = await api.post(`/api/v1/customers/${id}/plan`, { planId: faster.id });
    expect(moved.status).toBe(202);
    expect(moved.body.customerId).toBe(id);
    const change = await eventually(async () => {
      const answer = await api.get(`/api/v1/customers/${id}`);
      expect(answer.body.workflow.status.pendingPlanChange).not.toBeNull();
      return answer.body.workflow.status.pendingPlanChange;
    });
    expect(change).toMatchObject({ planId: faster.id, interval: 'month' });

    const cancelled = await api.post(`/api/v1/customers/${id}/cancel`);
    expect(cancelled.status).toBe(202);
    const after = await eventually(async () => {
      const answer = await api.get(`/api/v1/customers/${id}`);
      expect(answer.body.status).toBe('cancelled');
      expect(answer.body.workflow.available).toBe(false);
      return answer.body;
    });
    expect(after.subscription).toMatchObject({ status: 'cancelled' });
    expect(after.workflow.reason).toContain('completed');
  });

  it('finds customers by search text and status', async () => {
    const marker = `zq${Date.now()}`;
    const active = (await api.post('/api/v1/customers', { name: `Active ${marker}`, email: newEmail(marker), currency: 'EUR', planId: fibre.id })).body;
    const pending = (await api.post('/api/v1/customers', { name: `Pending ${marker}`, email: newEmail(marker), currency: 'EUR' })).body;
    const ids = async (query: string) => (await api.get(`/api/v1/customers?${query}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids(`search=${marker.toUpperCase()}`)).toEqual([pending.id, active.id]);
    expect(await ids(`search=${marker}&status=active`)).toEqual([active.id]);
    expect(await ids(`search=${marker}&status=pending`)).toEqual([pending.id]);
  });
});

describe('idempotent customer creation', () => {
  it('answers a repeat of the same request with the same customer and stores one', async () => {
    const email = newEmail('retry');
    const body = { name: 'Retry Ltd', email, currency: 'EUR', planId: fibre.id };
    const first = await api.post('/api/v1/customers', body, { 'Idempotency-Key': 'order-1001' });
    const again = await api.post('/api/v1/customers', body, { 'Idempotency-Key': 'order-1001' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.body.id).toBe(first.body.id);
    expect(await customersWithEmail(email)).toBe(1);
  });

  it('creates one customer when the same request races itself', async () => {
    const email = newEmail('race');
    const body = { name: 'Race Ltd', email, currency: 'EUR' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.post('/api/v1/customers', body, { 'Idempotency-Key': 'race-7' })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await customersWithEmail(email)).toBe(1);
  });

  it('refuses a key reused for a different request, naming the header, and stores nothing', async () => {
    const first = await api.post('/api/v1/customers', { name: 'Key Ltd', email: newEmail('key'), currency: 'EUR' }, { 'Idempotency-Key': 'k-42' });
    expect(first.status).toBe(201);
    const otherEmail = newEmail('other');
    const reused = await api.post('/api/v1/customers', { name: 'Other Ltd', email: otherEmail, currency: 'EUR' }, { 'Idempotency-Key': 'k-42' });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
    expect(reused.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringContaining('different request') }]);
    expect(await customersWithEmail(otherEmail)).toBe(0);
  });

  it('keeps keys apart per API key: another client may use the same key', async () => {
    const other = new ApiClient(harness.url, await harness.newApiToken('second client'));
    const body = { name: 'Shared Key Ltd', email: newEmail('shared'), currency: 'EUR' };
    const mine = await api.post('/api/v1/customers', body, { 'Idempotency-Key': 'same-key' });
    const theirs = await other.post('/api/v1/customers', body, { 'Idempotency-Key': 'same-key' });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });
});

describe('pagination', () => {
  it('walks every plan page by page with nextCursor, without duplicates or gaps', async () => {
    for (let n = 0; n < 7; n++) {
      expect((await api.post('/api/v1/plans', { name: `Page plan ${n}`, amount: 1000 + n, currency: 'EUR', interval: 'month' })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.get(
        `/api/v1/plans?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((plan) => plan.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);

    const all = await harness.stack.ctx.db.select({ id: plans.id }).from(plans).orderBy(sql`${plans.createdAt} desc, ${plans.id} desc`);
    expect(all.length).toBeGreaterThan(7);
    expect(seen).toEqual(all.map((plan) => plan.id));
    expect(pages).toBe(Math.ceil(all.length / 3));
  });
});

it('records when an API key was last used', async () => {
  const { apiKey, token } = await createApiKey(harness.stack.ctx, { name: 'usage check' });
  expect(apiKey.lastUsedAt).toBeNull();
  const before = Date.now();
  expect((await new ApiClient(harness.url, token).get('/api/v1/plans')).status).toBe(200);
  const [stored] = await harness.stack.ctx.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
  expect(stored?.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
});
