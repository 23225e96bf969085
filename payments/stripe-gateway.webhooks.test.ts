// Webhooks from the stand-in to a local HTTP receiver, read through the adapter: signatures checked
// on the raw body, events in our words, deliveries retried, repeated and reordered on purpose.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../test/support/eventually.js';
import { money } from '../billing/money.js';
import { WebhookSignatureError, type GatewayEvent, type PaymentGateway } from './gateway.js';
import { startGatewayStandIn, type GatewayStandIn } from './stand-in/index.js';
import { stripeSignatureHeader } from './stand-in/signature.js';
import { createStripeGateway } from './stripe-gateway.js';
import { fillCardPage } from './testing/hosted-card-page.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './testing/webhook-receiver.js';

let standIn: GatewayStandIn;
let receiver: WebhookReceiver;
let gateway: PaymentGateway;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  standIn = await startGatewayStandIn({ webhookUrl: receiver.url, webhookRetryDelaysMs: [50, 100, 200] });
  gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
});

afterAll(async () => {
  await standIn.close();
  await receiver.close();
});

beforeEach(() => {
  receiver.received.length = 0;
});

afterEach(async () => {
  await standIn.controls.resumeWebhooks();
  standIn.setWebhookUrl(receiver.url);
});

let customers = 0;

async function paidAttempt(amountMinor: bigint, metadata: Record<string, string> = {}): Promise<{ intentId: string; chargeId: string }> {
  customers += 1;
  const { gatewayCustomerId } = await gateway.createCustomer({ customerId: `c-${customers}`, name: 'Webhook Customer', email: 'w@example.test' }, `customer:w-${customers}`);
  const card = await standIn.controls.saveCard(gatewayCustomerId, { number: '4242424242424242', expMonth: 12, expYear: 2034 });
  const { intentId } = await gateway.createPaymentAttempt({ amount: money(amountMinor, 'EUR'), gatewayCustomerId, description: 'Invoice', metadata, idempotencyKey: `invoice:w-${customers}` });
  const outcome = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId: card.id, offSession: true, idempotencyKey: `invoice:w-${customers}:confirm:1` });
  if (outcome.status !== 'succeeded') throw new Error(`expected a payment, got ${outcome.status}`);
  return { intentId, chargeId: outcome.chargeId };
}

/** Waits for a delivery of that type whose object is `objectId`, and reads it through the adapter. */
async function receivedEvent(type: string, objectId: string): Promise<GatewayEvent> {
  const delivery = await eventually(async () => {
    const found = receiver.received.find((item) => item.eventType === type && objectOf(item).id === objectId);
    if (!found) throw new Error(`no ${type} for ${objectId} yet (got ${receiver.received.map((item) => item.eventType).join(', ')})`);
    return found;
  }, { what: `${type} for ${objectId}` });
  return gateway.parseWebhook(delivery.rawBody, delivery.signature);
}

function objectOf(delivery: ReceivedWebhook): { id: string } & Record<string, unknown> {
  return (JSON.parse(delivery.rawBody.toString('utf8')) as { data: { object: { id: string } & Record<string, unknown> } }).data.object;
}

describe('parseWebhook', () => {
  it('reads a payment, its fee and the metadata we gave, with amounts and currency', async () => {
    const { intentId, chargeId } = await paidAttempt(10_000n, { invoice_id: 'inv-7', attempt_key: 'invoice:inv-7' });
    const succeeded = await receivedEvent('payment_intent.succeeded', intentId);
    expect(succeeded).toEqual({
      id: expect.stringMatching(/^evt_/),
      created: expect.any(Date),
      type: 'payment_succeeded',
      intentId,
      chargeId,
      amount: money(10_000n, 'EUR'),
      metadata: { invoice_id: 'inv-7', attempt_key: 'invoice:inv-7' },
    });
    const fee = await receivedEvent('charge.succeeded', chargeId);
    // 2.9% of 100.00 is 2.90, plus 0.30.
    expect(fee).toMatchObject({ type: 'fee_reported', balanceTransactionId: expect.stringMatching(/^txn_/), chargeId, intentId, amount: money(10_000n, 'EUR'), fee: money(320n, 'EUR'), net: money(9_680n, 'EUR') });
  });

  it('reads a decline with its kind', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ customerId: 'c-decline', name: 'D', email: 'd@example.test' }, 'customer:w-decline');
    const card = await standIn.controls.saveCard(gatewayCustomerId, { number: '4000000000009995', expMonth: 12, expYear: 2034 });
    const { intentId } = await gateway.createPaymentAttempt({ amount: money(700n, 'EUR'), gatewayCustomerId, description: 'Invoice', metadata: { invoice_id: 'inv-8' }, idempotencyKey: 'invoice:w-decline' });
    await gateway.confirmPaymentAttempt({ intentId, paymentMethodId: card.id, offSession: true, idempotencyKey: 'invoice:w-decline:confirm:1' });
    expect(await receivedEvent('payment_intent.payment_failed', intentId)).toMatchObject({
      type: 'payment_failed',
      intentId,
      amount: money(700n, 'EUR'),
      decline: { code: 'card_declined', declineCode: 'insufficient_funds', kind: 'soft' },
      metadata: { invoice_id: 'inv-8' },
    });
  });

  it('reads a card saved on the hosted page, with brand, last four and expiry only', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ customerId: 'c-card', name: 'C', email: 'c@example.test' }, 'customer:w-card');
    const setup = await gateway.startCardSetup({ gatewayCustomerId, customerId: 'c-card', successUrl: 'http://portal.test/ok', cancelUrl: 'http://portal.test/back' });
    await fillCardPage(setup.url, { number: '4242424242424242', expiry: '03/31', cvc: '123' });
    expect(await receivedEvent('checkout.session.completed', setup.sessionId)).toMatchObject({
      type: 'card_saved',
      sessionId: setup.sessionId,
      gatewayCustomerId,
      card: { paymentMethodId: expect.stringMatching(/^pm_/), gatewayCustomerId, brand: 'visa', last4: '4242', expMonth: 3, expYear: 2031 },
      metadata: { customer_id: 'c-card' },
    });
  });

  it('reads refunds, disputes and payouts', async () => {
    const { intentId, chargeId } = await paidAttempt(2_000n);
    const refund = await gateway.refund({ intentId, amount: money(500n, 'EUR'), idempotencyKey: 'refund:w-1' });
    expect(await receivedEvent('refund.created', refund.refundId)).toMatchObject({ type: 'refund', refundId: refund.refundId, intentId, chargeId, amount: money(500n, 'EUR'), status: 'succeeded' });

    const dispute = await standIn.controls.openDispute(chargeId, { amount: 1_500 });
    expect(await receivedEvent('charge.dispute.created', dispute.id)).toMatchObject({
      type: 'dispute_opened', disputeId: dispute.id, chargeId, intentId, amount: money(1_500n, 'EUR'), status: 'needs_response', reason: 'fraudulent',
    });
    await standIn.controls.closeDispute(dispute.id, 'lost');
    expect(await receivedEvent('charge.dispute.closed', dispute.id)).toMatchObject({ type: 'dispute_closed', disputeId: dispute.id, status: 'lost' });

    const payouts = await standIn.controls.payOut('eur');
    expect(payouts).toHaveLength(1);
    expect(await receivedEvent('payout.paid', payouts[0]!.id)).toMatchObject({ type: 'payout_paid', payoutId: payouts[0]!.id, amount: money(BigInt(payouts[0]!.amount), 'EUR'), arrivalDate: expect.any(Date) });
  });

  it('refuses a forged, re-signed or stale webhook', async () => {
    const { intentId } = await paidAttempt(1_000n);
    await receivedEvent('payment_intent.succeeded', intentId);
    const genuine = receiver.received.find((item) => item.eventType === 'payment_intent.succeeded' && objectOf(item).id === intentId)!;
    const forgedBody = genuine.rawBody.toString('utf8').replace('"amount": 1000', '"amount": 1');
    await expect(gateway.parseWebhook(forgedBody, genuine.signature)).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(gateway.parseWebhook(forgedBody, stripeSignatureHeader(forgedBody, 'whsec_someone-else'))).rejects.toBeInstanceOf(WebhookSignatureError);
    const stale = stripeSignatureHeader(genuine.rawBody.toString('utf8'), standIn.webhookSecret, Math.floor(Date.now() / 1000) - 3_600);
    await expect(gateway.parseWebhook(genuine.rawBody, stale)).rejects.toThrow(/Webhook refused: .*tolerance/i);
    await expect(gateway.parseWebhook(genuine.rawBody, '')).rejects.toBeInstanceOf(WebhookSignatureError);
    // The genuine one still reads.
    expect(await gateway.parseWebhook(genuine.rawBody, genuine.signature)).toMatchObject({ type: 'payment_succeeded', intentId });
  });

  it('passes over events we do not act on', async () => {
    const { gatewayCustomerId } = await gateway.createCustomer({ customerId: 'c-ignored', name: 'I', email: 'i@example.test' }, 'customer:w-ignored');
    expect(await receivedEvent('customer.created', gatewayCustomerId)).toMatchObject({ type: 'ignored', gatewayType: 'customer.created' });
  });
});

describe('delivery', () => {
  it('sends an event again, duplicated and out of order, on the test control', async () => {
    await standIn.controls.pauseWebhooks();
    const { intentId, chargeId } = await paidAttempt(1_200n);
    const events = await standIn.controls.events();
    const succeeded = events.find((event) => event.type === 'payment_intent.succeeded' && event.data.object.id === intentId)!;
    const charged = events.find((event) => event.type === 'charge.succeeded' && event.data.object.id === chargeId)!;
    expect(succeeded.delivery?.state).toBe('queued');
    expect(receiver.received.filter((item) => item.eventId === succeeded.id)).toHaveLength(0);

    // The payment before its charge, then the payment again.
    expect(await standIn.controls.redeliver(succeeded.id)).toEqual({ status: 200, error: null });
    expect(await standIn.controls.redeliver(charged.id)).toEqual({ status: 200, error: null });
    expect(await standIn.controls.redeliver(succeeded.id)).toEqual({ status: 200, error: null });
    const ours = () => receiver.received.filter((item) => item.eventId === succeeded.id || item.eventId === charged.id);
    expect(ours().map((item) => item.eventId)).toEqual([succeeded.id, charged.id, succeeded.id]);
    const [first, , duplicate] = await Promise.all(ours().map((item) => gateway.parseWebhook(item.rawBody, item.signature)));
    expect(duplicate).toEqual(first);

    // Resuming sends what waited.
    await standIn.controls.resumeWebhooks();
    await eventually(async () => {
      expect(ours().slice(3).map((item) => item.eventId).sort()).toEqual([succeeded.id, charged.id].sort());
    });
  });

  it('retries a receiver that fails, and keeps the event for redelivery once it gives up', async () => {
    receiver.failNext(2, { matching: (event) => event.object.email === 'r@example.test' });
    const { gatewayCustomerId: retried } = await gateway.createCustomer({ customerId: 'c-retry', name: 'R', email: 'r@example.test' }, 'customer:w-retry');
    const event = await eventually(async () => {
      const found = (await standIn.controls.events('customer.created')).find((item) => item.data.object.id === retried);
      expect(found?.delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
      return found!;
    });
    expect(receiver.received.filter((item) => item.eventId === event.id)).toHaveLength(1);

    receiver.failNext(10, { status: 503, matching: (event) => event.object.email === 'down@example.test' });
    const { gatewayCustomerId: abandoned } = await gateway.createCustomer({ customerId: 'c-down', name: 'D', email: 'down@example.test' }, 'customer:w-down');
    const failed = await eventually(async () => {
      const found = (await standIn.controls.events('customer.created')).find((item) => item.data.object.id === abandoned);
      expect(found?.delivery).toMatchObject({ state: 'failed', attempts: 4, lastStatus: 503 });
      return found!;
    });
    receiver.failNext(0);
    expect(await standIn.controls.redeliver(failed.id)).toEqual({ status: 200, error: null });
    expect(receiver.received.filter((item) => item.eventId === failed.id)).toHaveLength(1);
  });

  it('never holds an API answer for a receiver that does not answer', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      standIn.setWebhookUrl(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/hangs`);
      const { gatewayCustomerId } = await gateway.createCustomer({ customerId: 'c-silent', name: 'S', email: 's@example.test' }, 'customer:w-silent');
      const event = (await standIn.controls.events('customer.created')).find((item) => item.data.object.id === gatewayCustomerId);
      expect(event?.delivery).toMatchObject({ state: 'sending', attempts: 0 });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
