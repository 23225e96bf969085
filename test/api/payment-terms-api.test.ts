// Payment terms over the REST API against the real stack: the company default in
// /api/v1/settings, a customer's own terms on create and PATCH, refusals that name the field
// with nothing stored, and invoices issued afterwards falling due on those terms.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../billing/calendar.js';
import { billingSettings, customers, invoices } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let emails = 0;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
});
afterAll(() => harness?.dispose());

const newCustomer = (fields: Record<string, unknown> = {}) =>
  api.post('/api/v1/customers', { name: 'Terms Customer', email: `terms-${++emails}@customer.test`, currency: 'EUR', ...fields });

async function storedDefault(): Promise<number | undefined> {
  const [row] = await harness.stack.ctx.db.select().from(billingSettings);
  return row?.defaultPaymentTermsDays;
}

async function storedTerms(customerId: string): Promise<number | null | undefined> {
  const [row] = await harness.stack.ctx.db.select({ days: customers.paymentTermsDays }).from(customers).where(eq(customers.id, customerId));
  return row?.days;
}

describe('the company default payment terms', () => {
  it('reads 14 days until changed, and changes for invoices issued from then on', async () => {
    const read = await api.get('/api/v1/settings');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ defaultPaymentTermsDays: 14 });

    const changed = await api.patch('/api/v1/settings', { defaultPaymentTermsDays: 30 });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ defaultPaymentTermsDays: 30 });
    expect(await storedDefault()).toBe(30);
    expect((await api.get('/api/v1/settings')).body).toEqual({ defaultPaymentTermsDays: 30 });

    // Due on receipt is a setting too.
    expect((await api.patch('/api/v1/settings', { defaultPaymentTermsDays: 0 })).body).toEqual({ defaultPaymentTermsDays: 0 });
    expect((await api.patch('/api/v1/settings', { defaultPaymentTermsDays: 14 })).body).toEqual({ defaultPaymentTermsDays: 14 });
  });

  it('refuses terms outside 0..365 days, naming defaultPaymentTermsDays, and keeps the default', async () => {
    for (const [value, message] of [
      [-1, 'must be between 0 (due on receipt) and 365 days'],
      [366, 'must be between 0 (due on receipt) and 365 days'],
      [1.5, 'must be a whole number of days'],
      ['14', 'must be a whole number of days'],
      [null, 'must be a whole number of days'],
    ] as const) {
      const refused = await api.patch('/api/v1/settings', { defaultPaymentTermsDays: value });
      expect(refused.status, String(value)).toBe(422);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body.errors, String(value)).toEqual([{ field: 'defaultPaymentTermsDays', message }]);
    }
    const empty = await api.patch('/api/v1/settings', {});
    expect(empty.status).toBe(422);
    expect(empty.body.errors.map((error: { field: string }) => error.field)).toEqual(['defaultPaymentTermsDays']);
    const unknown = await api.patch('/api/v1/settings', { defaultPaymentTermsDays: 20, currency: 'EUR' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'currency', message: 'is not a field of this request' }]);
    expect(await storedDefault()).toBe(14);
  });

  it('is for API key holders only', async () => {
    const anonymous = new ApiClient(harness.url, null);
    expect((await anonymous.get('/api/v1/settings')).status).toBe(401);
    expect((await anonymous.patch('/api/v1/settings', { defaultPaymentTermsDays: 1 })).status).toBe(401);
    expect(await storedDefault()).toBe(14);
  });
});

describe("a customer's own payment terms", () => {
  it('are set on create, changed and taken back to the default with PATCH, and date the invoices issued afterwards', async () => {
    const created = await newCustomer({ paymentTermsDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body.paymentTermsDays).toBe(30);
    const id = created.body.id as string;
    expect(await storedTerms(id)).toBe(30);
    expect((await api.get(`/api/v1/customers/${id}`)).body.paymentTermsDays).toBe(30);

    const item = await api.post('/api/v1/items', { name: 'Technician visit', kind: 'service', unitPrice: 8500, currency: 'EUR', taxRate: '21' });
    expect(item.status).toBe(201);
    const issue = async () => {
      const answer = await api.post('/api/v1/invoices', { customerId: id, lines: [{ itemId: item.body.id, quantity: '1' }] });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const [row] = await harness.stack.ctx.db.select().from(invoices).where(eq(invoices.id, answer.body.id));
      return row!;
    };
    const onThirty = await issue();
    expect(onThirty.dueDate).toBe(addDays(onThirty.issueDate, 30));

    const onReceipt = await api.patch(`/api/v1/customers/${id}`, { paymentTermsDays: 0 });
    expect(onReceipt.status).toBe(200);
    expect(onReceipt.body).toMatchObject({ id, name: 'Terms Customer', paymentTermsDays: 0 });
    const dueAtOnce = await issue();
    expect(dueAtOnce.dueDate).toBe(dueAtOnce.issueDate);

    const backToDefault = await api.patch(`/api/v1/customers/${id}`, { paymentTermsDays: null, name: 'Terms Customer Ltd' });
    expect(backToDefault.status).toBe(200);
    expect(backToDefault.body).toMatchObject({ name: 'Terms Customer Ltd', paymentTermsDays: null });
    expect(await storedTerms(id)).toBeNull();
    const onDefault = await issue();
    expect(onDefault.dueDate).toBe(addDays(onDefault.issueDate, 14));

    // Invoices already issued keep their due dates.
    const [first] = await harness.stack.ctx.db.select().from(invoices).where(eq(invoices.id, onThirty.id));
    expect(first!.dueDate).toBe(onThirty.dueDate);
  });

  it('refuses bad terms with 422 naming paymentTermsDays, storing nothing', async () => {
    const [before] = await harness.stack.ctx.db.select({ n: count() }).from(customers);
    const refusedCreate = await newCustomer({ paymentTermsDays: 400 });
    expect(refusedCreate.status).toBe(422);
    expect(refusedCreate.body.errors).toEqual([{ field: 'paymentTermsDays', message: 'must be between 0 (due on receipt) and 365 days' }]);
    const [after] = await harness.stack.ctx.db.select({ n: count() }).from(customers);
    expect(after!.n).toBe(before!.n);

    const id = (await newCustomer({ paymentTermsDays: 21 })).body.id as string;
    for (const value of [-5, 2.5, 'net 30', true]) {
      const refused = await api.patch(`/api/v1/customers/${id}`, { paymentTermsDays: value });
      expect(refused.status, String(value)).toBe(422);
      expect(refused.body.errors.map((error: { field: string }) => error.field), String(value)).toEqual(['paymentTermsDays']);
    }
    expect(await storedTerms(id)).toBe(21);
    expect((await api.patch(`/api/v1/customers/${id}`, {})).status).toBe(422);
    expect((await api.patch(`/api/v1/customers/${id}`, { paymentTermsDays: 7, currency: 'USD' })).body.errors).toEqual([{ field: 'currency', message: 'is not a field of this request' }]);
    expect((await api.patch(`/api/v1/customers/${id}`, { email: 'not an address' })).body.errors).toEqual([{ field: 'email', message: 'must be an email address' }]);
    expect((await api.patch('/api/v1/customers/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30', { paymentTermsDays: 7 })).status).toBe(404);
    expect(await storedTerms(id)).toBe(21);
  });
});
