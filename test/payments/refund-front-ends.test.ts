// Refunds through every front end, on the whole stack (Temporal dev server, worker, Postgres, the
// built portal over HTTP, the gateway stand-in): the REST API and its OpenAPI document, the staff
// refund page without JavaScript, and `uplink payments refund` as a script runs it. Each books once
// however often it is sent with the same key, and refusals name the field and store nothing.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../billing/money.js';
import { recordPayment } from '../../db/records/payments.js';
import { customers, items, refunds } from '../../db/schema.js';
import { startGatewayStandIn, type GatewayStandIn } from '../../payments/stand-in/index.js';
import { createStripeGateway } from '../../payments/stripe-gateway.js';
import type { PaymentGateway } from '../../payments/gateway.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { refundWire } from '../../server/views/refund-json.js';
import { ApiClient, type Json } from '../api/api-client.js';
import { jsonOf, runUplink } from '../cli/run-uplink.js';
import { links, visibleText } from '../portal/page-text.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { standInCardPayment } from '../support/stand-in-card-payment.js';
import { StaffBrowser } from '../support/staff-browser.js';

let harness: PortalHarness;
let api: ApiClient;
let browser: StaffBrowser;
let standIn: GatewayStandIn;
let gateway: PaymentGateway;
let itemId: string;
let made = 0;

beforeAll(async () => {
  harness = await createPortalHarness();
  standIn = await startGatewayStandIn();
  gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
  // The portal serves this very context: it refunds cards through the stand-in.
  harness.stack.ctx.gateway = gateway;
  api = new ApiClient(harness.url, await harness.newApiToken());
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff('refunds@isp.test'));
  const [item] = await harness.stack.ctx.db
    .insert(items)
    .values({ name: 'Installation', kind: 'service', unitPriceMinor: 100n, currency: 'EUR', revenueAccountCode: '4200', taxRate: '0' })
    .returning();
  itemId = item!.id;
});

afterAll(async () => {
  await standIn?.close();
  await harness?.dispose();
});

const db = () => harness.stack.ctx.db;

async function customerWithInvoice(amountMinor: bigint) {
  const [customer] = await db()
    .insert(customers)
    .values({ name: 'Ada Lovelace', email: `refund-front-${made++}@example.net`, currency: 'EUR', status: 'active', paymentTermsDays: 14 })
    .returning();
  const { invoice } = await createOneOffInvoice(harness.stack.ctx, { customerId: customer!.id, issueDate: '2026-11-10', lines: [{ itemId, quantity: '1', unitAmountMinor: String(amountMinor) }] });
  return { customer: customer!, invoice };
}

async function bankTransfer(customerId: string | null, amountMinor: bigint) {
  return db().transaction((tx) =>
    recordPayment(tx, {
      sourceKey: `bank:front-${made++}`,
      customerId,
      method: 'bank_transfer',
      amount: money(amountMinor, 'EUR'),
      receivedOn: '2026-11-20',
      reference: 'SEPA',
      recordedBy: 'staff:test',
    }),
  );
}

const bookedRefunds = async (paymentId: string) => (await db().select({ n: count() }).from(refunds).where(eq(refunds.paymentId, paymentId)))[0]!.n;
const refundsPath = (paymentId: string) => `/api/v1/payments/${paymentId}/refunds`;
const uplink = (...args: string[]) =>
  runUplink(args, { env: { DATABASE_URL: harness.stack.database.url, TEMPORAL_ADDRESS: harness.stack.env.address, TEMPORAL_NAMESPACE: harness.stack.env.namespace ?? 'default' } });

describe('POST /api/v1/payments/{paymentId}/refunds', () => {
  it('refunds a bank transfer in part (201, Location), once per Idempotency-Key, and lists it', async () => {
    const { customer, invoice } = await customerWithInvoice(5000n);
    const payment = await bankTransfer(customer.id, 7000n);
    const headers = { 'Idempotency-Key': `refund-${payment.paymentId}` };
    const created = await api.post(refundsPath(payment.paymentId), { amount: '30.00', reason: 'Paid twice' }, headers);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(refundsPath(payment.paymentId));
    expect(refundWire.strict().safeParse(created.body).error?.issues ?? []).toEqual([]);
    expect(created.body).toMatchObject({
      paymentNumber: payment.number,
      kind: 'refund',
      amount: { amountMinor: '3000', currency: 'EUR' },
      fromCredit: { amountMinor: '2000', currency: 'EUR' },
      reopened: [{ invoiceId: invoice.id, amount: { amountMinor: '1000', currency: 'EUR' } }],
      gatewayRefundId: null,
      recordedBy: expect.stringMatching(/^api-key:/),
    });

    const again = await api.post(refundsPath(payment.paymentId), { amount: '30.00', reason: 'Paid twice' }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(created.body.id);
    const reused = await api.post(refundsPath(payment.paymentId), { amount: '1.00', reason: 'Paid twice' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.errors.map((e: Json) => e.field)).toEqual(['Idempotency-Key']);

    const listed = await api.get(refundsPath(payment.paymentId));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: Json) => r.id)).toEqual([created.body.id]);
  });

  it('refuses more than is left naming amount, a missing reason, money not yet assigned, and an unknown payment, storing nothing', async () => {
    const { customer } = await customerWithInvoice(2000n);
    const payment = await bankTransfer(customer.id, 2000n);
    const tooMuch = await api.post(refundsPath(payment.paymentId), { amount: '20.01', reason: 'Too much' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors).toEqual([{ field: 'amount', message: `is more than the €20.00 left to refund on payment ${payment.number}` }]);
    const noReason = await api.post(refundsPath(payment.paymentId), { amount: '1.00' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors.map((e: Json) => e.field)).toEqual(['reason']);
    const unassigned = await bankTransfer(null, 1000n);
    const conflict = await api.post(refundsPath(unassigned.paymentId), { reason: 'Who paid this?' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.detail).toMatch(/assign it to the customer first/);
    const unknown = await api.post(refundsPath('00000000-0000-4000-8000-000000000000'), { reason: 'Nobody' });
    expect(unknown.status).toBe(404);
    expect(await bookedRefunds(payment.paymentId)).toBe(0);
    expect(await bookedRefunds(unassigned.paymentId)).toBe(0);
  });

  it('refunds a card payment at the gateway once however often the keyed request is sent; a gateway that does not answer is a 503 storing nothing', async () => {
    const { customer, invoice } = await customerWithInvoice(4000n);
    const payment = await standInCardPayment({ ...harness.stack.ctx, gateway }, standIn.controls, customer.id, 4000n);
    const headers = { 'Idempotency-Key': `card-refund-${payment.paymentId}` };

    harness.stack.ctx.gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: 'http://127.0.0.1:9', maxNetworkRetries: 0 });
    try {
      const down = await api.post(refundsPath(payment.paymentId), { reason: 'Router returned' }, headers);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toBe('application/problem+json');
      expect(down.body).toMatchObject({ type: 'urn:uplink:problem:unavailable', status: 503, detail: expect.stringMatching(/nothing was recorded/) });
    } finally {
      harness.stack.ctx.gateway = gateway;
    }
    expect(await bookedRefunds(payment.paymentId)).toBe(0);

    const first = await api.post(refundsPath(payment.paymentId), { reason: 'Router returned' }, headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amount: { amountMinor: '4000', currency: 'EUR' }, gatewayRefundId: expect.stringMatching(/^re_/) });
    const second = await api.post(refundsPath(payment.paymentId), { reason: 'Router returned' }, headers);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    const atGateway = (await standIn.controls.events('refund.created')).filter((event) => event.data.object.charge === payment.chargeId);
    expect(atGateway.map((event) => event.data.object.id)).toEqual([first.body.gatewayRefundId]);
    expect(await bookedRefunds(payment.paymentId)).toBe(1);
    expect((await api.get(`/api/v1/invoices/${invoice.id}`)).body.amountOpen).toEqual({ amountMinor: '4000', currency: 'EUR' });
  });

  it('is described in the OpenAPI document, with the 503 of a gateway that does not answer', async () => {
    const document = (await api.get('/api/v1/openapi.json')).body;
    const path = document.paths['/api/v1/payments/{paymentId}/refunds'];
    expect(Object.keys(path).sort()).toEqual(['get', 'post']);
    expect(path.post.operationId).toBe('refundPayment');
    expect(Object.keys(path.post.responses)).toEqual(expect.arrayContaining(['201', '404', '409', '422', '503']));
    expect(Object.keys(path.post.requestBody.content['application/json'].schema.properties).sort()).toEqual(['amount', 'reason']);
    expect(path.post.parameters.map((p: Json) => p.name)).toContain('Idempotency-Key');
  });
});

describe('the staff refund page', () => {
  it('is linked from the payment, refunds once however often its form is sent, and shows refusals under their field', async () => {
    const { customer, invoice } = await customerWithInvoice(3000n);
    const payment = await bankTransfer(customer.id, 3000n);
    const paymentPage = await (await browser.get(`/staff/payments/${payment.paymentId}`)).text();
    expect(links(paymentPage, /\/refund$/)).toEqual([`/staff/payments/${payment.paymentId}/refund`]);

    const formPage = await (await browser.get(`/staff/payments/${payment.paymentId}/refund`)).text();
    expect(visibleText(formPage)).toContain('€30.00 left to refund');
    const token = /name="requestToken" value="([^"]+)"/.exec(formPage)?.[1];
    expect(token).toMatch(/^[0-9a-f-]{36}$/);

    const tooMuch = await browser.postForm(`/staff/payments/${payment.paymentId}/refund`, { requestToken: token!, amount: '31.00', reason: 'Too much' });
    expect(tooMuch.status).toBe(422);
    const refusedPage = visibleText(await tooMuch.text());
    expect(refusedPage).toContain(`is more than the €30.00 left to refund on payment ${payment.number}`);
    expect(await bookedRefunds(payment.paymentId)).toBe(0);

    const fields = { requestToken: token!, amount: '12.50', reason: 'Outage in November' };
    const refunded = await browser.postForm(`/staff/payments/${payment.paymentId}/refund`, fields);
    expect(refunded.status).toBe(302);
    expect(refunded.headers.get('location')).toBe(`/staff/payments/${payment.paymentId}`);
    const notice = visibleText(await (await browser.get(`/staff/payments/${payment.paymentId}`)).text());
    expect(notice).toContain(`Refunded €12.50 of payment ${payment.number}. Pay it out to the customer yourself. ${invoice.number} is open again for €12.50`);
    // The same form again (a double click, a reload) refunds nothing more.
    const again = await browser.postForm(`/staff/payments/${payment.paymentId}/refund`, fields);
    expect(again.status).toBe(302);
    expect(visibleText(await (await browser.get(`/staff/payments/${payment.paymentId}`)).text())).toContain(`Already refunded €12.50 of payment ${payment.number}`);
    expect(await bookedRefunds(payment.paymentId)).toBe(1);
    const [refund] = await db().select().from(refunds).where(eq(refunds.paymentId, payment.paymentId));
    expect(refund).toMatchObject({ amountMinor: 1250n, reason: 'Outage in November', recordedBy: 'staff:refunds@isp.test' });
    const listed = visibleText(await (await browser.get(`/staff/payments/${payment.paymentId}/refund`)).text());
    expect(listed).toContain('€17.50 left to refund');
    expect(listed).toContain('Outage in November');
  });
});

describe('uplink payments refund', () => {
  it('refunds once per --idempotency-key, names the option it refuses, and sends card payments to the portal', async () => {
    const { customer } = await customerWithInvoice(2000n);
    const payment = await bankTransfer(customer.id, 2000n);
    const args = ['payments', 'refund', payment.paymentId, '--amount', '5.00', '--reason', 'Goodwill', '--idempotency-key', 'cli-refund-1'];
    const first = jsonOf<Json>(await uplink(...args, '--json'));
    expect(refundWire.strict().safeParse(first).error?.issues ?? []).toEqual([]);
    expect(first).toMatchObject({ amount: { amountMinor: '500', currency: 'EUR' }, recordedBy: 'cli' });
    const again = await uplink(...args);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Already refunded €5.00 of payment ${payment.number}`);
    expect(await bookedRefunds(payment.paymentId)).toBe(1);

    const tooMuch = await uplink('payments', 'refund', payment.paymentId, '--amount', '15.01', '--reason', 'Too much');
    expect(tooMuch.code).toBe(3);
    expect(tooMuch.stderr).toContain(`error: amount (--amount): is more than the €15.00 left to refund on payment ${payment.number}`);

    const card = await standInCardPayment({ ...harness.stack.ctx, gateway }, standIn.controls, customer.id, 1500n);
    const refused = await uplink('payments', 'refund', card.paymentId, '--reason', 'Card');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refunded through the card gateway.*staff pages or the API/);
    expect(await bookedRefunds(card.paymentId)).toBe(0);
  });
});
