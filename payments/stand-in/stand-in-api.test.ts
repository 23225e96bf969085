// The stand-in at its HTTP boundary, as Stripe's own API behaves: form bodies, idempotent replays
// (same status, same body), refusals in Stripe's error shape, bounded bodies, the secret key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayStandIn, type GatewayStandIn } from './index.js';

let standIn: GatewayStandIn;

beforeAll(async () => {
  standIn = await startGatewayStandIn();
});

afterAll(async () => {
  await standIn.close();
});

async function api(method: 'GET' | 'POST', path: string, form = '', headers: Record<string, string> = {}) {
  const response = await fetch(`${standIn.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${standIn.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: method === 'POST' ? form : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Record<string, unknown> & { error?: Record<string, unknown> } };
}

async function customerWithCard(number: string): Promise<{ customer: string; card: string }> {
  const customer = (await api('POST', '/v1/customers', 'name=Form%20Body&metadata[customer_id]=c-1&metadata[plan]=fibre')).json;
  expect(customer).toMatchObject({ object: 'customer', name: 'Form Body', metadata: { customer_id: 'c-1', plan: 'fibre' } });
  const card = await standIn.controls.saveCard(customer.id as string, { number, expMonth: 12, expYear: 2034 });
  return { customer: customer.id as string, card: card.id };
}

describe('Idempotency-Key', () => {
  it('answers a repeated request with the first answer, status and body alike, without doing it again', async () => {
    const { customer, card } = await customerWithCard('4242424242424242');
    const form = `amount=1234&currency=eur&customer=${customer}&payment_method=${card}&confirm=true&off_session=true`;
    const first = await api('POST', '/v1/payment_intents', form, { 'idempotency-key': 'pay:1' });
    const again = await api('POST', '/v1/payment_intents', form, { 'idempotency-key': 'pay:1' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 1234, currency: 'eur' });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const charges = (await standIn.controls.events('charge.succeeded')).filter((event) => event.data.object.payment_intent === first.json.id);
    expect(charges).toHaveLength(1);
  });

  it('replays a decline as the same 402', async () => {
    const { customer, card } = await customerWithCard('4000000000000002');
    const form = `amount=500&currency=usd&customer=${customer}&payment_method=${card}&confirm=true&off_session=true`;
    const first = await api('POST', '/v1/payment_intents', form, { 'idempotency-key': 'pay:declined' });
    const again = await api('POST', '/v1/payment_intents', form, { 'idempotency-key': 'pay:declined' });
    expect(first.status).toBe(402);
    expect(first.json.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', payment_intent: { status: 'requires_payment_method' } });
    expect(again.status).toBe(402);
    expect(again.text).toBe(first.text);
  });

  it('takes the same parameters in another order as the same request, and refuses other ones', async () => {
    const a = await api('POST', '/v1/customers', 'name=A&email=a%40example.test', { 'idempotency-key': 'cus:a' });
    const reordered = await api('POST', '/v1/customers', 'email=a%40example.test&name=A', { 'idempotency-key': 'cus:a' });
    expect(reordered.json.id).toBe(a.json.id);
    const other = await api('POST', '/v1/customers', 'name=B', { 'idempotency-key': 'cus:a' });
    expect(other.status).toBe(400);
    expect(other.json.error).toMatchObject({ type: 'idempotency_error' });
    const elsewhere = await api('POST', '/v1/refunds', 'name=A&email=a%40example.test', { 'idempotency-key': 'cus:a' });
    expect(elsewhere.json.error).toMatchObject({ type: 'idempotency_error' });
  });

  it('keeps no answer for a refused request, so the key can be used once it is right', async () => {
    const missing = await api('POST', '/v1/payment_intents', 'currency=eur', { 'idempotency-key': 'pay:fixed' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ type: 'invalid_request_error', param: 'amount', message: 'Missing required param: amount.' });
    const fixed = await api('POST', '/v1/payment_intents', 'amount=100&currency=eur', { 'idempotency-key': 'pay:fixed' });
    expect(fixed.status).toBe(200);
  });
});

describe('requests as Stripe reads them', () => {
  it('reads expand[] and expand[0] alike, nested paths included', async () => {
    const { customer, card } = await customerWithCard('4242424242424242');
    const intent = (await api('POST', '/v1/payment_intents', `amount=2000&currency=gbp&customer=${customer}&payment_method=${card}&confirm=true&off_session=true`)).json;
    const bracketed = (await api('GET', `/v1/payment_intents/${intent.id}?expand[]=latest_charge.balance_transaction`)).json;
    const indexed = (await api('GET', `/v1/payment_intents/${intent.id}?expand%5B0%5D=latest_charge`)).json;
    expect(bracketed.latest_charge).toMatchObject({ object: 'charge', balance_transaction: { object: 'balance_transaction', amount: 2000, fee: 88, net: 1912 } });
    expect(indexed.latest_charge).toMatchObject({ object: 'charge', balance_transaction: expect.stringMatching(/^txn_/) });
    const refused = await api('GET', `/v1/payment_intents/${intent.id}?expand[]=amount`);
    expect(refused.status).toBe(400);
  });

  it('answers an unknown object with resource_missing', async () => {
    const missing = await api('GET', '/v1/payment_intents/pi_nothing');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toEqual({ type: 'invalid_request_error', code: 'resource_missing', message: "No such payment_intent: 'pi_nothing'" });
    expect((await api('GET', '/v1/subscriptions')).status).toBe(404);
  });

  it('keeps events to read back', async () => {
    const { customer } = await customerWithCard('4242424242424242');
    const created = (await standIn.controls.events('customer.created')).find((event) => event.data.object.id === customer)!;
    const event = (await api('GET', `/v1/events/${created.id}`)).json;
    expect(event).toMatchObject({ id: created.id, object: 'event', type: 'customer.created', data: { object: { id: customer } } });
    const list = (await api('GET', '/v1/events?type=payment_method.*&limit=1')).json;
    expect(list).toMatchObject({ object: 'list', has_more: true, data: [{ type: 'payment_method.attached' }] });
  });

  it('refuses a request without the secret key', async () => {
    const anonymous = await fetch(`${standIn.url}/v1/customers/cus_x`);
    expect(anonymous.status).toBe(401);
    const wrong = await api('GET', '/v1/customers/cus_x', '', { authorization: 'Bearer sk_test_wrong' });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${standIn.url}/_stand-in/events`)).status).toBe(401);
  });

  it('refuses a body over 1 MiB before reading it', async () => {
    const tooLarge = await api('POST', '/v1/customers', `name=${'x'.repeat(1024 * 1024 + 1)}`);
    expect(tooLarge.status).toBe(413);
    expect((await api('POST', '/v1/customers', 'name=after')).status).toBe(200);
  });

  it('answers pages that do not exist with 404', async () => {
    expect((await fetch(`${standIn.url}/checkout/cs_test_nothing`)).status).toBe(404);
    expect((await fetch(`${standIn.url}/authenticate/pi_nothing`)).status).toBe(404);
  });
});
