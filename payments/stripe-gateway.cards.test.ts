// The adapter against the stand-in through the real stripe SDK: customers, and cards saved on the
// gateway's hosted page (filled by plain HTTP form posts, as a browser without JavaScript would).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayRequestError, type PaymentGateway } from './gateway.js';
import { startGatewayStandIn, type GatewayStandIn } from './stand-in/index.js';
import { createStripeGateway } from './stripe-gateway.js';
import { fillCardPage, openPage } from './testing/hosted-card-page.js';

let standIn: GatewayStandIn;
let gateway: PaymentGateway;

beforeAll(async () => {
  standIn = await startGatewayStandIn();
  gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
});

afterAll(async () => {
  await standIn.close();
});

const customer = { customerId: 'c6a1f3f0-0000-4000-8000-000000000001', name: 'Ada Lovelace', email: 'ada@example.test' };

describe('createCustomer', () => {
  it('creates the customer once per idempotency key', async () => {
    const first = await gateway.createCustomer(customer, 'customer:ada');
    const again = await gateway.createCustomer(customer, 'customer:ada');
    const other = await gateway.createCustomer(customer, 'customer:ada-2');
    expect(first.gatewayCustomerId).toMatch(/^cus_/);
    expect(again.gatewayCustomerId).toBe(first.gatewayCustomerId);
    expect(other.gatewayCustomerId).not.toBe(first.gatewayCustomerId);
    const created = (await standIn.controls.events('customer.created')).map((event) => event.data.object.id);
    expect(created.filter((id) => id === first.gatewayCustomerId)).toHaveLength(1);
  });

  it('refuses the same key for another request', async () => {
    await gateway.createCustomer(customer, 'customer:grace');
    const refusal = await gateway.createCustomer({ ...customer, email: 'grace@example.test' }, 'customer:grace').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(GatewayRequestError);
    expect(refusal).toMatchObject({ code: 'idempotency_error', httpStatus: 400 });
  });

  it('is in test mode with test keys', () => {
    expect(gateway.testMode).toBe(true);
    expect(gateway.provider).toBe('stripe');
  });
});

describe('saving a card on the hosted page', () => {
  async function newCustomer(key: string): Promise<string> {
    return (await gateway.createCustomer(customer, key)).gatewayCustomerId;
  }

  it('keeps only brand, last four digits and expiry, and sends the customer back with the session id', async () => {
    const gatewayCustomerId = await newCustomer('customer:card-1');
    const setup = await gateway.startCardSetup({
      gatewayCustomerId,
      customerId: customer.customerId,
      successUrl: 'http://portal.test/account/card?session={CHECKOUT_SESSION_ID}',
      cancelUrl: 'http://portal.test/account',
    });
    expect(setup.sessionId).toMatch(/^cs_test_/);
    expect(setup.url.startsWith(`${standIn.url}/checkout/`)).toBe(true);
    expect(await gateway.cardSetupResult(setup.sessionId)).toBeNull();

    const result = await fillCardPage(setup.url, { number: '5555 5555 5555 4444', expiry: '08/34', cvc: '123' });
    expect(result.status).toBe(303);
    expect(result.location).toBe(`http://portal.test/account/card?session=${setup.sessionId}`);

    const card = await gateway.cardSetupResult(setup.sessionId);
    expect(card).toEqual({
      paymentMethodId: expect.stringMatching(/^pm_/),
      gatewayCustomerId,
      brand: 'mastercard',
      last4: '4444',
      expMonth: 8,
      expYear: 2034,
    });
    expect(await gateway.savedCard(card!.paymentMethodId)).toEqual(card);
  });

  it('shows a phone-sized form without scripts, a test-mode line and the way back', async () => {
    const gatewayCustomerId = await newCustomer('customer:card-2');
    const setup = await gateway.startCardSetup({ gatewayCustomerId, customerId: customer.customerId, successUrl: 'http://portal.test/ok', cancelUrl: 'http://portal.test/back' });
    const page = await openPage(setup.url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.html).toContain('Test mode: use 4242 4242 4242 4242');
    expect(page.html).not.toMatch(/<script/i);
    expect(page.html).toMatch(/<form method="post" action="\/checkout\/cs_test_[^"]+">/);
    for (const field of ['number', 'expiry', 'cvc']) expect(page.html).toContain(`name="${field}"`);
    expect(page.html).toContain('href="http://portal.test/back"');
  });

  it('refuses a mistyped number and an expired date on the page, without echoing the number', async () => {
    const gatewayCustomerId = await newCustomer('customer:card-3');
    const setup = await gateway.startCardSetup({ gatewayCustomerId, customerId: customer.customerId, successUrl: 'http://portal.test/ok', cancelUrl: 'http://portal.test/back' });
    const typo = await fillCardPage(setup.url, { number: '4242 4242 4242 4241', expiry: '12/34', cvc: '123' });
    expect(typo.status).toBe(402);
    expect(typo.html).toContain('Your card number is incorrect.');
    expect(typo.html).not.toContain('4241');
    const expired = await fillCardPage(setup.url, { number: '4242 4242 4242 4242', expiry: '01/20', cvc: '123' });
    expect(expired.html).toContain('expiration date is in the past');
    expect(await gateway.cardSetupResult(setup.sessionId)).toBeNull();
  });

  it('lands a second submit of the page where the first went, saving one card', async () => {
    const gatewayCustomerId = await newCustomer('customer:card-4');
    const setup = await gateway.startCardSetup({ gatewayCustomerId, customerId: customer.customerId, successUrl: 'http://portal.test/ok/{CHECKOUT_SESSION_ID}', cancelUrl: 'http://portal.test/back' });
    const first = await fillCardPage(setup.url, { number: '4242424242424242', expiry: '12/34', cvc: '123' });
    const again = await fetch(setup.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'number=4000000000009995&expiry=12%2F34&cvc=123',
      redirect: 'manual',
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.location);
    expect((await gateway.cardSetupResult(setup.sessionId))?.last4).toBe('4242');
  });

  it('refuses a card the customer has not saved', async () => {
    await expect(gateway.savedCard('pm_unknown')).rejects.toMatchObject({ name: 'GatewayRequestError', code: 'resource_missing', httpStatus: 404 });
  });
});
