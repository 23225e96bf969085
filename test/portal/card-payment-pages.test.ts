// The customer's card and payment pages and the Stripe webhook over HTTP, against the built portal
// and the local Stripe stand-in through the real SDK: saving a card on the stand-in's hosted page
// (posted as a browser without JavaScript would), autopay, paying one invoice and then the rest,
// receipts (only the customer's own), declines in plain words, and webhooks delivered twice or
// forged.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDefaultCard } from '../../db/records/cards.js';
import { invoiceBalance, invoiceBalances } from '../../db/records/invoice-balances.js';
import { customers, gatewayEvents, payments, refunds } from '../../db/schema.js';
import type { PaymentGateway } from '../../payments/gateway.js';
import { startGatewayStandIn, type GatewayStandIn } from '../../payments/stand-in/index.js';
import { stripeSignatureHeader } from '../../payments/stand-in/signature.js';
import { createStripeGateway } from '../../payments/stripe-gateway.js';
import { fillCardPage } from '../../payments/testing/hosted-card-page.js';
import { gatewayCustomerFor, saveGatewayCard } from '../../server/services/card-payments/card-setup.js';
import { createPlan, type Plan } from '../../server/services/subscriptions/plans.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { signInAsCustomer } from './customer-sign-in-steps.js';
import { visibleText } from './page-text.js';

let standIn: GatewayStandIn;
let gateway: PaymentGateway;
let harness: PortalHarness;
let plan: Plan;
let customerCount = 0;

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  standIn = await startGatewayStandIn();
  gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
  harness = await createPortalHarness({}, { gateway, portalUrlFromServer: true });
  standIn.setWebhookUrl(`${harness.url}/webhooks/stripe`);
  plan = await createPlan(harness.stack.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
}, 120_000);
afterAll(async () => {
  await harness?.dispose();
  await standIn?.close();
});

const deps = () => ({ db: harness.stack.ctx.db, gateway, timeZone: 'Europe/Berlin' });

/** A customer billed for two months (two open invoices), signed in. */
async function billedAndSignedIn() {
  const n = ++customerCount;
  const billed = await createBilledCustomer(harness.stack.ctx, plan, { name: `Card Customer ${n}`, email: `card${n}@example.net` });
  const browser = new StaffBrowser(harness.url);
  await signInAsCustomer(browser, harness.stack.ctx.db, billed.customer);
  return { ...billed, browser };
}

/** Saves a card at the gateway without a browser (the stand-in's control) and on file here. */
async function cardOnFile(customerId: string, number: string) {
  const gatewayCustomerId = await gatewayCustomerFor(deps(), customerId);
  const saved = await standIn.controls.saveCard(gatewayCustomerId, { number, expMonth: 12, expYear: NEXT_YEAR });
  const result = await saveGatewayCard(deps(), customerId, await gateway.savedCard(saved.id));
  expect(result.saved).toBe(true);
}

async function page(browser: StaffBrowser, path: string) {
  const response = await browser.get(path);
  const html = await response.text();
  return { status: response.status, text: visibleText(html), html };
}

/** Presses a pay button; returns the result page the portal redirects to. */
async function pay(browser: StaffBrowser, fields: Record<string, string>) {
  const answer = await browser.postForm('/account/pay', fields);
  expect(answer.status, await answer.clone().text()).toBe(303);
  const location = answer.headers.get('location')!;
  expect(location).toMatch(/^\/account\/pay\/result\/[0-9a-f-]{36}$/);
  return { location, ...(await page(browser, location)) };
}

describe('the card page', () => {
  it('saves a card typed on the gateway’s page, shows brand, last four and expiry, and turns autopay on and off', async () => {
    const { customer, browser } = await billedAndSignedIn();
    const empty = await page(browser, '/account/card');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('No card is on file.');
    expect(empty.text).toContain('Add a card');
    // Test keys: every page says so.
    expect(empty.text).toContain('Payments are in test mode: no real money moves. Use card 4242 4242 4242 4242.');

    const refused = await browser.postForm('/account/card', { intent: 'add-card' }, { csrf: false });
    expect(refused.status).toBe(403);

    const started = await browser.postForm('/account/card', { intent: 'add-card' });
    expect(started.status).toBe(303);
    const cardPage = started.headers.get('location')!;
    expect(cardPage.startsWith(`${standIn.url}/`)).toBe(true);

    const submitted = await fillCardPage(cardPage, { number: '4242 4242 4242 4242', expiry: `12/${String(NEXT_YEAR).slice(2)}`, cvc: '123' });
    expect(submitted.status).toBe(303);
    const back = new URL(submitted.location!);
    expect(back.origin).toBe(harness.url);
    expect(back.pathname).toBe('/account/card/saved');
    const saved = await page(browser, back.pathname + back.search);
    expect(saved.text).toContain('Your card Visa ending 4242 is saved.');

    const card = await page(browser, '/account/card');
    expect(card.text).toContain('Visa ending 4242');
    expect(card.text).toContain(`12/${NEXT_YEAR}`);
    expect(card.text).not.toContain('expired');
    expect(card.text).toContain('Replace card');
    expect(card.text).toContain('Autopay is off');

    expect((await browser.postForm('/account/card', { intent: 'autopay-on' })).status).toBe(303);
    expect((await page(browser, '/account/card')).text).toContain('Autopay is on');
    const [on] = await harness.stack.ctx.db.select({ autopay: customers.autopay }).from(customers).where(eq(customers.id, customer.id));
    expect(on!.autopay).toBe(true);
    expect((await browser.postForm('/account/card', { intent: 'autopay-off' })).status).toBe(303);
    expect((await page(browser, '/account/card')).text).toContain('Autopay is off');
  });
});

describe('paying', () => {
  it('sends a customer without a card to the card page first', async () => {
    const { browser } = await billedAndSignedIn();
    const answer = await browser.postForm('/account/pay', { intent: 'balance' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/account/card?for=pay');
    expect((await page(browser, '/account/card?for=pay')).text).toContain('Add a card to pay with first');
  });

  it('marks a card past its expiry month as expired and asks for a new one before paying', async () => {
    const { customer, browser } = await billedAndSignedIn();
    const lastYear = new Date().getUTCFullYear() - 1;
    await harness.stack.ctx.db.transaction((tx) =>
      saveDefaultCard(tx, { customerId: customer.id, gateway: 'stripe', gatewayPaymentMethodId: `pm_expired_${customer.id}`, brand: 'visa', last4: '1111', expMonth: 1, expYear: lastYear }),
    );
    const card = await page(browser, '/account/card');
    expect(card.text).toContain(`Visa ending 1111 Expires 01/${lastYear} expired`);
    const answer = await browser.postForm('/account/pay', { intent: 'balance' });
    expect(answer.headers.get('location')).toBe('/account/card?for=pay');
    expect((await page(browser, '/account/card?for=pay')).text).toContain('Your card has expired. Add a new card to pay with, then pay.');
  });

  it('pays one invoice, then the rest, with a receipt for each that only its customer can download', async () => {
    const { customer, invoices, browser } = await billedAndSignedIn();
    await cardOnFile(customer.id, '4242424242424242');
    const [first, second] = [...invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate));

    const open = await page(browser, '/account/pay');
    expect(open.text).toContain(first!.number);
    expect(open.text).toContain(second!.number);
    expect(open.text).toContain('€98.00');
    expect(open.text).toContain('Pay the whole balance');

    // Someone else's invoice cannot be charged from here.
    const other = await createBilledCustomer(harness.stack.ctx, plan, { name: 'Someone Else', email: 'someone.else@example.net' });
    expect((await browser.postForm('/account/pay', { intent: 'invoice', invoiceId: other.invoices[0]!.id })).status).toBe(409);

    const paidOne = await pay(browser, { intent: 'invoice', invoiceId: first!.id });
    expect(paidOne.text).toContain('Payment received');
    expect(paidOne.text).toContain(`€49.00 for invoice ${first!.number} is paid`);
    const receiptLink = /href="(\/account\/payments\/[0-9a-f-]{36}\/receipt\.pdf)"/.exec(paidOne.html)?.[1];
    expect(receiptLink).toBeDefined();

    const rest = await page(browser, '/account/pay');
    expect(rest.text).not.toContain(first!.number);
    expect(rest.text).toContain(second!.number);
    const invoicePage = await page(browser, `/account/invoices/${second!.id}`);
    expect(invoicePage.text).toContain('Pay now');
    expect((await page(browser, `/account/invoices/${first!.id}`)).text).not.toContain('Pay now');

    const paidAll = await pay(browser, { intent: 'balance' });
    expect(paidAll.text).toContain('Payment received');
    expect((await page(browser, '/account/pay')).text).toContain('Nothing to pay');

    const history = await page(browser, '/account/payments');
    const numbers = await harness.stack.ctx.db.select({ number: payments.number }).from(payments).where(eq(payments.customerId, customer.id));
    expect(numbers).toHaveLength(2);
    for (const { number } of numbers) expect(history.text).toContain(number);
    expect(history.text).toContain('Visa ending 4242');
    expect(history.text).toContain(first!.number);
    expect(history.text).toContain(second!.number);

    const pdf = await browser.get(receiptLink!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Another customer signed in finds neither the receipt nor the result page.
    const stranger = await billedAndSignedIn();
    expect((await stranger.browser.get(receiptLink!)).status).toBe(404);
    expect((await stranger.browser.get(paidOne.location)).status).toBe(404);
    expect((await stranger.browser.get('/account/pay/return?payment_intent=pi_unknown')).status).toBe(404);
  });

  it('says in plain words why the bank declined, and asks for another card when retrying cannot help', async () => {
    const { customer, invoices, browser } = await billedAndSignedIn();
    await cardOnFile(customer.id, '4000000000000002');
    const soft = await pay(browser, { intent: 'invoice', invoiceId: invoices[0]!.id });
    expect(soft.text).toContain('Payment declined');
    expect(soft.text).toContain('Your bank declined the payment.');
    expect(soft.text).toContain('try again');
    expect(soft.text).not.toContain('Replace your card');

    await cardOnFile(customer.id, '4000000000000069');
    const hard = await pay(browser, { intent: 'invoice', invoiceId: invoices[0]!.id });
    expect(hard.text).toContain('Your bank declined the payment because the card has expired.');
    expect(hard.text).toContain('Replace your card');
    expect(hard.html).toContain('href="/account/card"');
    const [unpaid] = await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id));
    expect(unpaid).toBeUndefined();
  });
});

describe('the Stripe webhook', () => {
  it('acts on an event once however often it is delivered, and refuses a forged one storing nothing', async () => {
    const { customer, invoices, browser } = await billedAndSignedIn();
    await cardOnFile(customer.id, '4242424242424242');
    await pay(browser, { intent: 'invoice', invoiceId: invoices[0]!.id });

    // The stand-in delivers payment_intent.succeeded to the portal: the payment was booked already.
    const event = await eventually(
      async () => {
        const events = await standIn.controls.events('payment_intent.succeeded');
        const delivered = events.find((candidate) => candidate.data.object.metadata && (candidate.data.object.metadata as Record<string, string>).customerId === customer.id);
        if (!delivered?.delivery || delivered.delivery.lastStatus !== 200) throw new Error('not delivered yet');
        return delivered;
      },
      { what: 'payment_intent.succeeded delivered to the portal' },
    );
    const [handled] = await harness.stack.ctx.db.select().from(gatewayEvents).where(eq(gatewayEvents.eventId, event.id));
    expect(handled).toBeDefined();
    const paymentsBefore = await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id));
    expect(paymentsBefore).toHaveLength(1);

    // The same event again, byte for byte as Stripe would send it.
    const { delivery: _delivery, ...body } = event;
    const payload = JSON.stringify(body, null, 2);
    const again = await fetch(`${harness.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(payload, standIn.webhookSecret) },
      body: payload,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ eventId: event.id, outcome: 'already handled' });
    expect((await standIn.controls.redeliver(event.id)).status).toBe(200);
    expect(await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id))).toHaveLength(1);

    // A forged event: signed with another secret, for another id.
    const forgedPayload = payload.replaceAll(event.id, 'evt_forged_by_someone');
    const forged = await fetch(`${harness.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(forgedPayload, 'whsec_not_the_real_secret') },
      body: forgedPayload,
    });
    expect(forged.status).toBe(400);
    expect(await harness.stack.ctx.db.select().from(gatewayEvents).where(eq(gatewayEvents.eventId, 'evt_forged_by_someone'))).toEqual([]);
    const unsigned = await fetch(`${harness.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forgedPayload });
    expect(unsigned.status).toBe(400);
    expect(await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id))).toHaveLength(1);
  });

  it('books a dispute the gateway reports: the money is taken back off the invoice once, and comes back when the dispute is won', async () => {
    const { customer, invoices, browser } = await billedAndSignedIn();
    await cardOnFile(customer.id, '4242424242424242');
    await pay(browser, { intent: 'invoice', invoiceId: invoices[0]!.id });
    const [paid] = await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id));
    const openOnBoth = async () => (await invoiceBalances(harness.stack.ctx.db, invoices.map((invoice) => invoice.id))).reduce((sum, i) => sum + i.openMinor, 0n);
    const openBefore = await openOnBoth();
    const dispute = await standIn.controls.openDispute(paid!.gatewayChargeId!);

    const [taken] = await eventually(async () => {
      const rows = await harness.stack.ctx.db.select().from(refunds).where(eq(refunds.paymentId, paid!.id));
      expect(rows).toHaveLength(1);
      return rows;
    }, { what: 'the dispute booked from its webhook' });
    expect(taken).toMatchObject({ kind: 'dispute', amountMinor: 4900n, currency: 'EUR' });
    const reopened = await invoiceBalance(harness.stack.ctx.db, invoices[0]!.id);
    expect(reopened).toMatchObject({ openMinor: 4900n, paymentStatus: 'open' });

    await standIn.controls.closeDispute(dispute.id, 'won');
    await eventually(async () => {
      const rows = await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id));
      expect(rows).toHaveLength(2);
    }, { what: 'the money of the won dispute booked back' });
    expect(await harness.stack.ctx.db.select().from(refunds).where(eq(refunds.paymentId, paid!.id))).toHaveLength(1);
    // The money back pays what is open oldest first: the customer owes what they owed before the dispute.
    expect(await openOnBoth()).toBe(openBefore);
  });
});
