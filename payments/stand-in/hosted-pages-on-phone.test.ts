// The stand-in's pages in real Chromium on a 375 px phone with JavaScript off, as a customer meets
// them: the card page (with a long name and address to strain it) saves the card and sends the
// browser back, and the bank's page completes a payment and sends it back too. Nothing may stick
// out sideways. A failing step leaves a screenshot in test-results/screenshots/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { money } from '../../billing/money.js';
import { launchChromium, step } from '../../test/support/chromium.js';
import { createStripeGateway } from '../stripe-gateway.js';
import { startGatewayStandIn, type GatewayStandIn } from './index.js';

const PHONE = { width: 375, height: 740 };

let browser: Browser;
let standIn: GatewayStandIn;
let portal: Server;
let portalUrl: string;

beforeAll(async () => {
  browser = await launchChromium();
  standIn = await startGatewayStandIn();
  // Where the customer comes back to: a page that says where it was reached.
  portal = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Back</title><p id="back">${encodeURI(request.url ?? '')}</p>`);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await standIn?.close();
  portal?.closeAllConnections();
  await new Promise((resolve) => portal?.close(resolve));
});

async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 0.5 || box.left < -0.5) found.push(`${element.tagName.toLowerCase()} spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
    }
    return found.slice(0, 5);
  });
}

it('saves a card and confirms a payment on a phone without JavaScript', { timeout: 120_000 }, async () => {
  const gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
  const { gatewayCustomerId } = await gateway.createCustomer(
    {
      customerId: 'c-phone',
      name: 'Maximiliane Konstanze Friederike von Hohenzollern-Sigmaringen',
      email: 'maximiliane.konstanze.von.hohenzollern-sigmaringen@accounts-payable.hohenzollern-fibre-cooperative.example',
    },
    'customer:phone',
  );
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();

  const setup = await gateway.startCardSetup({
    gatewayCustomerId,
    customerId: 'c-phone',
    successUrl: `${portalUrl}/account/card?session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${portalUrl}/account`,
  });
  await step('card page', () => page, async () => {
    await page.goto(setup.url);
    expect(await sidewaysOverflow(page)).toEqual([]);
    await page.getByLabel('Card number').fill('4000 0025 0000 3155');
    await page.getByLabel('Expiry (MM/YY)').fill('04/32');
    await page.getByLabel('CVC').fill('123');
    expect(await page.getByRole('button', { name: 'Save card' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save card' }).click();
    await page.waitForURL(`${portalUrl}/account/card?session=${setup.sessionId}`);
  });
  const card = await gateway.cardSetupResult(setup.sessionId);
  expect(card).toMatchObject({ brand: 'visa', last4: '3155', expMonth: 4, expYear: 2032 });

  const { intentId } = await gateway.createPaymentAttempt({ amount: money(4_990n, 'EUR'), gatewayCustomerId, description: 'Invoice INV-2026-000007', metadata: {}, idempotencyKey: 'invoice:phone' });
  const outcome = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId: card!.paymentMethodId, offSession: false, returnUrl: `${portalUrl}/pay/done`, idempotencyKey: 'invoice:phone:confirm:1' });
  if (outcome.status !== 'requires_action' || !outcome.actionUrl) throw new Error(`expected requires_action, got ${outcome.status}`);
  await step('bank page', () => page, async () => {
    await page.goto(outcome.actionUrl!);
    expect(await page.getByText('€49.90').isVisible()).toBe(true);
    expect(await sidewaysOverflow(page)).toEqual([]);
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.waitForURL((url) => url.pathname === '/pay/done' && url.searchParams.get('redirect_status') === 'succeeded');
  });
  expect(await gateway.lookupPaymentAttempt(intentId)).toMatchObject({ status: 'succeeded', amount: money(4_990n, 'EUR') });
  await context.close();
});
