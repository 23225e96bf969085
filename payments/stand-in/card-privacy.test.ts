// Card numbers go into the stand-in's card page and nowhere else: no API answer, page, event or
// webhook carries them back, whole or spaced, and nothing is logged. Every answer is recorded by a
// proxy between the SDK (and the browser-like page requests) and the stand-in.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import { money } from '../../billing/money.js';
import { createStripeGateway } from '../stripe-gateway.js';
import { fillCardPage } from '../testing/hosted-card-page.js';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.js';
import { StandInControls } from './controls-client.js';
import { startGatewayStandIn, type GatewayStandIn } from './index.js';

const CARDS = ['5555555555554444', '4000000000009995', '4000002500003155', '4000000000000341'];

let standIn: GatewayStandIn;
let receiver: WebhookReceiver;
let proxy: Server;
let proxyUrl: string;
const answers: string[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  standIn = await startGatewayStandIn({ webhookUrl: receiver.url });
  const target = new URL(standIn.url);
  proxy = createServer((incoming, outgoing) => {
    const forward = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          answers.push(`${answer.headers.location ?? ''}\n${body.toString('utf8')}`);
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
        });
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await standIn.close();
  await receiver.close();
});

it('never gives a card number back, in any answer, page, event or webhook, nor logs it', async () => {
  const logged = [vi.spyOn(console, 'log'), vi.spyOn(console, 'info'), vi.spyOn(console, 'warn')];
  const gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: proxyUrl });
  const controls = new StandInControls(proxyUrl, standIn.secretKey);
  const { gatewayCustomerId } = await gateway.createCustomer({ customerId: 'c-private', name: 'Private', email: 'p@example.test' }, 'customer:private');

  // On the hosted page: a typo first (refused, re-shown), then the card.
  const setup = await gateway.startCardSetup({ gatewayCustomerId, customerId: 'c-private', successUrl: 'http://portal.test/ok', cancelUrl: 'http://portal.test/back' });
  const pageUrl = setup.url.replace(standIn.url, proxyUrl);
  await fillCardPage(pageUrl, { number: '5555 5555 5555 4443', expiry: '10/33', cvc: '123' });
  expect((await fillCardPage(pageUrl, { number: '5555 5555 5555 4444', expiry: '10/33', cvc: '123' })).status).toBe(303);
  const saved = await gateway.cardSetupResult(setup.sessionId);

  // Through the control, and charged: paid, declined, authentication asked, refunded, disputed, paid out.
  const others = await Promise.all(CARDS.slice(1).map((number) => controls.saveCard(gatewayCustomerId, { number, expMonth: 11, expYear: 2033 })));
  let paidIntent = '';
  for (const [index, paymentMethodId] of [saved!.paymentMethodId, ...others.map((card) => card.id)].entries()) {
    const { intentId } = await gateway.createPaymentAttempt({ amount: money(1_000n, 'USD'), gatewayCustomerId, description: 'Invoice', metadata: {}, idempotencyKey: `private:${index}` });
    const outcome = await gateway.confirmPaymentAttempt({ intentId, paymentMethodId, offSession: true, idempotencyKey: `private:${index}:confirm` });
    await gateway.lookupPaymentAttempt(intentId);
    if (outcome.status === 'succeeded') {
      paidIntent = intentId;
      await gateway.refund({ intentId, amount: money(100n, 'USD'), idempotencyKey: `private:${index}:refund` });
      await controls.openDispute(outcome.chargeId, { amount: 500 });
    }
  }
  expect(paidIntent).not.toBe('');
  await controls.payOut();
  const events = await controls.events();
  expect(events.length).toBeGreaterThan(20);
  await eventually(async () => expect(receiver.received.length).toBe(events.length), { what: 'every webhook' });

  const everything = [...answers, ...receiver.received.map((item) => item.rawBody.toString('utf8'))].join('\n');
  expect(everything).toContain('"last4": "4444"');
  expect(everything).toContain('Your card number is incorrect.');
  for (const number of [...CARDS, '5555555555554443']) {
    expect(everything).not.toContain(number);
    expect(everything).not.toContain(number.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(everything).not.toContain(number.slice(0, 12));
  }
  for (const spy of logged) {
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  }
});
