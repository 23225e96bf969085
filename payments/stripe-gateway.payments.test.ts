// Payment attempts through the real stripe SDK against the stand-in: off-session charges that
// succeed, decline (soft or hard) or need the customer to authenticate; an outcome lost on the
// way back, settled by asking; refunds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { GatewayRequestError, GatewayUnavailableError, type PaymentGateway } from './gateway.js';
import { startGatewayStandIn, type GatewayStandIn } from './stand-in/index.js';
import { createStripeGateway } from './stripe-gateway.js';
import { openPage, submitForm } from './testing/hosted-card-page.js';

let standIn: GatewayStandIn;
let gateway: PaymentGateway;

beforeAll(async () => {
  standIn = await startGatewayStandIn();
  gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
});

afterAll(async () => {
  await standIn.close();
});

let customers = 0;

/** A customer at the gateway with a card on file, saved as the hosted page saves it. */
async function customerWithCard(number: string): Promise<{ gatewayCustomerId: string; paymentMethodId: string }> {
  customers += 1;
  const { gatewayCustomerId } = await gateway.createCustomer({ customerId: `customer-${customers}`, name: 'Test Customer', email: 'test@example.test' }, `customer:${customers}`);
  const card = await standIn.controls.saveCard(gatewayCustomerId, { number, expMonth: 12, expYear: 2034 });
  return { gatewayCustomerId, paymentMethodId: card.id };
}

async function attempt(gatewayCustomerId: string, amountMinor: bigint, key: string): Promise<string> {
  const { intentId } = await gateway.createPaymentAttempt({
    amount: money(amountMinor, 'EUR'),
    gatewayCustomerId,
    description: 'Invoice INV-2026-000042',
    metadata: { invoice_id: 'inv-42', attempt_key: key },
    idempotencyKey: key,
  });
  return intentId;
}

describe('createPaymentAttempt', () => {
  it('makes one unconfirmed attempt per idempotency key', async () => {
    const { gatewayCustomerId } = await customerWithCard('4242424242424242');
    const intentId = await attempt(gatewayCustomerId, 2500n, 'invoice:create-once');
    expect(intentId).toMatch(/^pi_/);
    expect(await attempt(gatewayCustomerId, 2500n, 'invoice:create-once')).toBe(intentId);
    expect(await gateway.lookupPaymentAttempt(intentId)).toEqual({ status: 'requires_payment_method', intentId });
  });
});

describe('confirmPaymentAttempt off-session', () => {
  it('charges the card, with the fee the gateway keeps (2.9% + 30, half-even)', async () => {
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard('4242424242424242');
    const intentId = await attempt(gatewayCustomerId, 2500n, 'invoice:paid');
    const outcome = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: 'invoice:paid:confirm:1' });
    // 2.9% of 25.00 is 0.725: half-even gives 0.72, plus 0.30.
    expect(outcome).toEqual({ status: 'succeeded', intentId, chargeId: expect.stringMatching(/^ch_/), amount: money(2500n, 'EUR'), fee: money(102n, 'EUR') });
    expect(await gateway.lookupPaymentAttempt(intentId)).toEqual(outcome);
  });

  it('reads a decline for lack of funds as soft, and the same attempt can be confirmed again', async () => {
    const poor = await customerWithCard('4000000000009995');
    const intentId = await attempt(poor.gatewayCustomerId, 4000n, 'invoice:soft');
    const outcome = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId: poor.paymentMethodId, offSession: true, idempotencyKey: 'invoice:soft:confirm:1' });
    expect(outcome).toEqual({
      status: 'declined',
      intentId,
      decline: { code: 'card_declined', declineCode: 'insufficient_funds', gatewayMessage: 'Your card has insufficient funds.', kind: 'soft' },
    });
    // The same key gives the same answer, not a second charge attempt.
    expect(await gateway.confirmPaymentAttempt({ intentId, paymentMethodId: poor.paymentMethodId, offSession: true, idempotencyKey: 'invoice:soft:confirm:1' })).toEqual(outcome);
    expect((await standIn.controls.events('charge.failed')).filter((event) => event.data.object.payment_intent === intentId)).toHaveLength(1);

    const newCard = await standIn.controls.saveCard(poor.gatewayCustomerId, { number: '4242424242424242', expMonth: 1, expYear: 2035 });
    const retried = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId: newCard.id, offSession: true, idempotencyKey: 'invoice:soft:confirm:2' });
    expect(retried.status).toBe('succeeded');
  });

  it.each([
    ['4000000000009987', 'card_declined', 'lost_card'],
    ['4000000000000069', 'expired_card', 'expired_card'],
  ])('reads card %s (%s, %s) as a hard decline', async (number, code, declineCode) => {
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard(number);
    const intentId = await attempt(gatewayCustomerId, 1000n, `invoice:hard-${number}`);
    const outcome = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: `invoice:hard-${number}:confirm:1` });
    expect(outcome).toMatchObject({ status: 'declined', decline: { code, declineCode, kind: 'hard' } });
  });

  it('says when the bank wants the customer to authenticate, which is no decline, and lets them do it on-session', async () => {
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard('4000002500003155');
    const intentId = await attempt(gatewayCustomerId, 1999n, 'invoice:3ds');
    const offSession = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: 'invoice:3ds:confirm:1' });
    expect(offSession).toMatchObject({ status: 'authentication_required', decline: { code: 'authentication_required', kind: 'needs_authentication' } });

    const onSession = await gateway.confirmPaymentAttempt({
      intentId,
      paymentMethodId,
      offSession: false,
      returnUrl: 'http://portal.test/pay/done?invoice=inv-42',
      idempotencyKey: 'invoice:3ds:confirm:2',
    });
    expect(onSession).toEqual({ status: 'requires_action', intentId, actionUrl: `${standIn.url}/authenticate/${intentId}` });
    if (onSession.status !== 'requires_action' || !onSession.actionUrl) throw new Error('no action URL');

    const bank = await openPage(onSession.actionUrl);
    expect(bank.html).toContain('€19.99');
    expect(bank.html).not.toMatch(/<script/i);
    const back = await submitForm(onSession.actionUrl, bank.html, { result: 'complete' });
    expect(back.status).toBe(303);
    const returned = new URL(back.location!);
    expect(`${returned.origin}${returned.pathname}`).toBe('http://portal.test/pay/done');
    expect(Object.fromEntries(returned.searchParams)).toMatchObject({ invoice: 'inv-42', payment_intent: intentId, redirect_status: 'succeeded' });
    expect(await gateway.lookupPaymentAttempt(intentId)).toMatchObject({ status: 'succeeded', amount: money(1999n, 'EUR') });
  });

  it('leaves the attempt to pay again when the customer fails the bank check', async () => {
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard('4000002760003184');
    const intentId = await attempt(gatewayCustomerId, 1000n, 'invoice:3ds-failed');
    const onSession = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: false, returnUrl: 'http://portal.test/pay/done', idempotencyKey: 'invoice:3ds-failed:confirm:1' });
    if (onSession.status !== 'requires_action' || !onSession.actionUrl) throw new Error(`expected requires_action, got ${onSession.status}`);
    const bank = await openPage(onSession.actionUrl);
    const back = await submitForm(onSession.actionUrl, bank.html, { result: 'fail' });
    expect(new URL(back.location!).searchParams.get('redirect_status')).toBe('failed');
    expect(await gateway.lookupPaymentAttempt(intentId)).toMatchObject({ status: 'authentication_required', decline: { code: 'payment_intent_authentication_failure' } });
  });
});

describe('an outcome lost on the way back', () => {
  it('is settled by asking the gateway, never by charging again', async () => {
    const impatient = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url, maxNetworkRetries: 0 });
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard('4242424242424242');
    const intentId = await attempt(gatewayCustomerId, 3000n, 'invoice:lost');
    // The SDK retries a closed connection once even without retries: drop both answers.
    await standIn.controls.dropResponses(2);
    const lost = await impatient
      .confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: 'invoice:lost:confirm:1' })
      .catch((error: unknown) => error);
    await standIn.controls.dropResponses(0);
    expect(lost).toBeInstanceOf(GatewayUnavailableError);

    const settled = await gateway.lookupPaymentAttempt(intentId);
    expect(settled).toMatchObject({ status: 'succeeded', amount: money(3000n, 'EUR') });
    // Repeating the confirmation with its key gives the same charge back; a new key finds it paid.
    expect(await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: 'invoice:lost:confirm:1' })).toEqual(settled);
    expect(await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: 'invoice:lost:confirm:2' })).toEqual(settled);
    const charges = (await standIn.controls.events('charge.succeeded')).filter((event) => event.data.object.payment_intent === intentId);
    expect(charges).toHaveLength(1);
  });
});

describe('updatePaymentAttemptAmount', () => {
  it('changes what an unpaid attempt asks for, and refuses once it is paid', async () => {
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard('4242424242424242');
    const intentId = await attempt(gatewayCustomerId, 5000n, 'invoice:partly-paid');
    await gateway.updatePaymentAttemptAmount({ intentId, amount: money(3200n, 'EUR'), idempotencyKey: 'invoice:partly-paid:amount:3200' });
    await gateway.updatePaymentAttemptAmount({ intentId, amount: money(3200n, 'EUR'), idempotencyKey: 'invoice:partly-paid:amount:3200' });
    const paid = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: 'invoice:partly-paid:confirm:1' });
    expect(paid).toMatchObject({ status: 'succeeded', amount: money(3200n, 'EUR') });
    await expect(gateway.updatePaymentAttemptAmount({ intentId, amount: money(100n, 'EUR'), idempotencyKey: 'invoice:partly-paid:amount:100' })).rejects.toMatchObject({
      name: 'GatewayRequestError',
      code: 'payment_intent_unexpected_state',
    });
  });
});

describe('cancelPaymentAttempt', () => {
  it('cancels an unconfirmed attempt, and reports a paid one as paid', async () => {
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard('4242424242424242');
    const open = await attempt(gatewayCustomerId, 1500n, 'invoice:cancel');
    expect(await gateway.cancelPaymentAttempt(open)).toEqual({ status: 'canceled', intentId: open });
    expect(await gateway.cancelPaymentAttempt(open)).toEqual({ status: 'canceled', intentId: open });
    const paid = await attempt(gatewayCustomerId, 1500n, 'invoice:cancel-paid');
    await gateway.confirmPaymentAttempt({ intentId: paid, paymentMethodId, offSession: true, idempotencyKey: 'invoice:cancel-paid:confirm:1' });
    expect(await gateway.cancelPaymentAttempt(paid)).toMatchObject({ status: 'succeeded', intentId: paid });
  });
});

describe('refund', () => {
  it('refunds in parts up to what was paid, once per key', async () => {
    const { gatewayCustomerId, paymentMethodId } = await customerWithCard('4242424242424242');
    const intentId = await attempt(gatewayCustomerId, 5000n, 'invoice:refund');
    await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: 'invoice:refund:confirm:1' });

    const part = await gateway.refund({ intentId, amount: money(1500n, 'EUR'), idempotencyKey: 'refund:1', reason: 'requested_by_customer' });
    expect(part).toEqual({ refundId: expect.stringMatching(/^re_/), status: 'succeeded', amount: money(1500n, 'EUR') });
    expect(await gateway.refund({ intentId, amount: money(1500n, 'EUR'), idempotencyKey: 'refund:1', reason: 'requested_by_customer' })).toEqual(part);

    const tooMuch = await gateway.refund({ intentId, amount: money(4000n, 'EUR'), idempotencyKey: 'refund:2' }).catch((error: unknown) => error);
    expect(tooMuch).toBeInstanceOf(GatewayRequestError);
    expect(tooMuch).toMatchObject({ code: 'amount_too_large' });
    const wrongCurrency = await gateway.refund({ intentId, amount: money(100n, 'USD'), idempotencyKey: 'refund:3' }).catch((error: unknown) => error);
    expect(wrongCurrency).toMatchObject({ code: 'currency_mismatch' });

    expect(await gateway.refund({ intentId, amount: money(3500n, 'EUR'), idempotencyKey: 'refund:4' })).toMatchObject({ status: 'succeeded', amount: money(3500n, 'EUR') });
    await expect(gateway.refund({ intentId, amount: money(1n, 'EUR'), idempotencyKey: 'refund:5' })).rejects.toMatchObject({ code: 'charge_already_refunded' });
  });
});

describe('errors', () => {
  it('refuses a wrong key without letting it into the message', async () => {
    const wrongKey = 'sk_test_standin_not-the-right-key-at-all';
    const stranger = createStripeGateway({ secretKey: wrongKey, webhookSecret: 'whsec_x', apiBaseUrl: standIn.url });
    const refusal = await stranger.lookupPaymentAttempt('pi_anything').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(GatewayRequestError);
    expect(refusal).toMatchObject({ httpStatus: 401 });
    expect((refusal as Error).message).not.toContain(wrongKey);
  });

  it('says the outcome is unknown when the gateway cannot be reached', async () => {
    const closed = await startGatewayStandIn();
    await closed.close();
    const unreachable = createStripeGateway({ secretKey: closed.secretKey, webhookSecret: closed.webhookSecret, apiBaseUrl: closed.url, maxNetworkRetries: 0 });
    await expect(unreachable.lookupPaymentAttempt('pi_anything')).rejects.toBeInstanceOf(GatewayUnavailableError);
  });
});
