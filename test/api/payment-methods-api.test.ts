// A customer's cards on file and autopay over the REST API against the real stack: cards by brand,
// last four and expiry only (the default first, the expired marked), autopay turned on only while
// the default card can be charged (409 otherwise, nothing changed), each change handed to the
// account workflow, and refusals that name the field.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOPAY_CARD_EXPIRED, AUTOPAY_NO_CARD } from '../../billing/payments/autopay.js';
import { saveDefaultCard } from '../../db/records/cards.js';
import { customers, workflowHandoffs } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let customerId: string;
const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  const created = await api.post('/api/v1/customers', { name: 'Card Holder', email: 'cards@customer.test', currency: 'EUR' });
  expect(created.status).toBe(201);
  customerId = created.body.id as string;
});
afterAll(() => harness?.dispose());

const saveCard = (gatewayPaymentMethodId: string, card: { brand: string; last4: string; expMonth: number; expYear: number }) =>
  harness.stack.ctx.db.transaction((tx) => saveDefaultCard(tx, { customerId, gateway: 'stripe', gatewayPaymentMethodId, ...card }));

async function storedAutopay(): Promise<boolean | undefined> {
  const [row] = await harness.stack.ctx.db.select({ autopay: customers.autopay }).from(customers).where(eq(customers.id, customerId));
  return row?.autopay;
}

async function autopayHandoffs(): Promise<string[]> {
  const rows = await harness.stack.ctx.db
    .select({ change: sql<string>`${workflowHandoffs.payload}->>'change'` })
    .from(workflowHandoffs)
    .where(and(eq(workflowHandoffs.customerId, customerId), sql`${workflowHandoffs.payload}->>'change' like 'autopay:%'`))
    .orderBy(workflowHandoffs.sequence);
  return rows.map((row) => row.change.split(':').slice(0, 2).join(':'));
}

describe("a customer's payment methods", () => {
  it('are none, with autopay off, until a card is saved; autopay cannot be turned on without one', async () => {
    const read = await api.get(`/api/v1/customers/${customerId}/payment-methods`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ customerId, autopay: false, cards: [] });

    const refused = await api.patch(`/api/v1/customers/${customerId}/autopay`, { autopay: true });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body.detail).toBe(AUTOPAY_NO_CARD);
    expect(await storedAutopay()).toBe(false);
    expect(await autopayHandoffs()).toEqual([]);
  });

  it('list each card by brand, last four and expiry, the default first and the expired marked; an expired default keeps autopay off', async () => {
    await saveCard('pm_valid_first', { brand: 'mastercard', last4: '4444', expMonth: 12, expYear: thisYear + 3 });
    await saveCard('pm_expired_default', { brand: 'visa', last4: '1111', expMonth: 1, expYear: thisYear - 1 });

    const read = await api.get(`/api/v1/customers/${customerId}/payment-methods`);
    expect(read.status).toBe(200);
    expect(read.body.autopay).toBe(false);
    const cards = read.body.cards as Record<string, unknown>[];
    expect(cards.map(({ id: _id, createdAt: _at, ...card }) => card)).toEqual([
      { brand: 'visa', last4: '1111', expMonth: 1, expYear: thisYear - 1, isDefault: true, expired: true },
      { brand: 'mastercard', last4: '4444', expMonth: 12, expYear: thisYear + 3, isDefault: false, expired: false },
    ]);
    for (const card of cards) expect(Object.keys(card).sort()).toEqual(['brand', 'createdAt', 'expMonth', 'expYear', 'expired', 'id', 'isDefault', 'last4']);
    // The gateway's own ids stay with us.
    expect(JSON.stringify(read.body)).not.toContain('pm_');

    const refused = await api.patch(`/api/v1/customers/${customerId}/autopay`, { autopay: true });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(AUTOPAY_CARD_EXPIRED);
    expect(await storedAutopay()).toBe(false);
  });

  it('turns autopay on and off once a usable card is the default, handing each change to the account workflow', async () => {
    await saveCard('pm_valid_default', { brand: 'amex', last4: '0005', expMonth: 6, expYear: thisYear + 2 });

    const on = await api.patch(`/api/v1/customers/${customerId}/autopay`, { autopay: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ customerId, autopay: true });
    expect(on.body.cards[0]).toMatchObject({ brand: 'amex', last4: '0005', isDefault: true, expired: false });
    expect(await storedAutopay()).toBe(true);
    expect((await api.get(`/api/v1/customers/${customerId}/payment-methods`)).body.autopay).toBe(true);

    // Asking again changes nothing, and tells the workflow nothing.
    expect((await api.patch(`/api/v1/customers/${customerId}/autopay`, { autopay: true })).body.autopay).toBe(true);

    const off = await api.patch(`/api/v1/customers/${customerId}/autopay`, { autopay: false });
    expect(off.status).toBe(200);
    expect(off.body.autopay).toBe(false);
    expect(await storedAutopay()).toBe(false);
    expect(await autopayHandoffs()).toEqual(['autopay:on', 'autopay:off']);
  });

  it('refuses a body that is not a boolean autopay, naming the field, and an unknown customer with 404', async () => {
    for (const body of [{ autopay: 'yes' }, { autopay: null }, { autopay: 1 }, {}]) {
      const refused = await api.patch(`/api/v1/customers/${customerId}/autopay`, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.errors.map((error: { field: string }) => error.field), JSON.stringify(body)).toEqual(['autopay']);
    }
    const unknown = await api.patch(`/api/v1/customers/${customerId}/autopay`, { autopay: false, card: '4242' });
    expect(unknown.body.errors).toEqual([{ field: 'card', message: 'is not a field of this request' }]);

    const missing = '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30';
    expect((await api.get(`/api/v1/customers/${missing}/payment-methods`)).status).toBe(404);
    expect((await api.patch(`/api/v1/customers/${missing}/autopay`, { autopay: false })).status).toBe(404);
    expect(await storedAutopay()).toBe(false);
  });

  it('is for API key holders only', async () => {
    const anonymous = new ApiClient(harness.url, null);
    expect((await anonymous.get(`/api/v1/customers/${customerId}/payment-methods`)).status).toBe(401);
    expect((await anonymous.patch(`/api/v1/customers/${customerId}/autopay`, { autopay: true })).status).toBe(401);
  });

  it('are in the OpenAPI document', async () => {
    const document = (await new ApiClient(harness.url, null).get('/api/v1/openapi.json')).body;
    expect(document.paths['/api/v1/customers/{customerId}/payment-methods'].get.operationId).toBe('getCustomerPaymentMethods');
    expect(document.paths['/api/v1/customers/{customerId}/autopay'].patch.operationId).toBe('setCustomerAutopay');
    expect(Object.keys(document.components.schemas.CardOnFile.properties).sort()).toEqual(['brand', 'createdAt', 'expMonth', 'expYear', 'expired', 'id', 'isDefault', 'last4']);
  });
});
