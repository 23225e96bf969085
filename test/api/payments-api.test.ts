// Payments through the REST API, against the real stack (portal, Temporal dev server and worker,
// Postgres): recording one (once, however often and however concurrently a keyed request is sent),
// what an invoice shows of it, the lists and their filters, and refusals that name the field and
// store nothing.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { paymentAllocations, payments } from '../../db/schema.js';
import { invoiceWire } from '../../server/views/invoice-json.js';
import { paymentDocumentWire, paymentWire } from '../../server/views/payment-json.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let visit: Json;
let made = 0;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  visit = (await api.post('/api/v1/items', { name: 'Technician visit', kind: 'service', unitPrice: 10000, currency: 'EUR', taxRate: '0' })).body;
});
afterAll(() => harness?.dispose());

/** A day of last year: open invoices issued then are long overdue, and payments dated then are accepted. */
const lastYear = (monthDay: string) => `${Number(businessDateAt(Date.now(), harness.settings.timeZone).slice(0, 4)) - 1}-${monthDay}`;

async function customerWithInvoice(): Promise<{ customer: Json; invoice: Json }> {
  const customer = (await api.post('/api/v1/customers', { name: 'Ada Lovelace', email: `api-payment-${made++}@example.net`, currency: 'EUR' })).body;
  const invoice = (await api.post('/api/v1/invoices', { customerId: customer.id, issueDate: lastYear('10-01'), lines: [{ itemId: visit.id, quantity: '1' }] })).body;
  return { customer, invoice };
}

async function stored() {
  const { db } = harness.stack.ctx;
  return {
    payments: (await db.select({ n: count() }).from(payments))[0]?.n,
    allocations: (await db.select({ n: count() }).from(paymentAllocations))[0]?.n,
  };
}

async function refused(request: () => Promise<{ status: number; body: Json; headers: Headers }>, status = 422): Promise<Json> {
  const before = await stored();
  const answer = await request();
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(await stored()).toEqual(before);
  return answer.body;
}

describe('POST /api/v1/payments', () => {
  it('records a payment (201, Location) that pays the invoice, and records it once however often the keyed request is retried', async () => {
    const { customer, invoice } = await customerWithInvoice();
    expect(invoice).toMatchObject({ dueDate: lastYear('10-15'), paymentStatus: 'open', amountOpen: { amountMinor: '10000', currency: 'EUR' }, overdue: true });
    const body = { customerId: customer.id, amount: '40.00', method: 'bank_transfer', receivedOn: lastYear('11-03'), reference: 'SEPA 4411', invoiceId: invoice.id };
    const headers = { 'Idempotency-Key': `sepa-4411-${customer.id}` };

    const created = await api.post('/api/v1/payments', body, headers);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/payments/${created.body.id}`);
    expect(paymentDocumentWire.strict().safeParse(created.body).error?.issues ?? []).toEqual([]);
    expect(created.body).toMatchObject({
      customerId: customer.id,
      customerName: 'Ada Lovelace',
      method: 'bank_transfer',
      amount: { amountMinor: '4000', currency: 'EUR' },
      receivedOn: lastYear('11-03'),
      reference: 'SEPA 4411',
      needsReview: null,
      allocated: { amountMinor: '4000', currency: 'EUR' },
      credit: { amountMinor: '0', currency: 'EUR' },
      customer: { id: customer.id, email: customer.email },
      allocations: [{ invoiceId: invoice.id, invoiceNumber: invoice.number, amount: { amountMinor: '4000', currency: 'EUR' }, allocatedOn: lastYear('11-03'), source: 'payment' }],
    });
    expect(created.body.number).toMatch(/^PAY-\d{4}-\d{6}$/);
    expect(created.body.recordedBy).toMatch(/^api-key:/);

    const again = await api.post('/api/v1/payments', body, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(created.body);
    expect((await api.get(`/api/v1/payments/${created.body.id}`)).body).toEqual(created.body);

    const paidInPart = (await api.get(`/api/v1/invoices/${invoice.id}`)).body;
    expect(paidInPart).toMatchObject({ paymentStatus: 'partially_paid', amountOpen: { amountMinor: '6000', currency: 'EUR' }, overdue: true });
    expect((await api.get(`/api/v1/invoices/${invoice.id}/payments`)).body).toEqual({
      items: [
        {
          source: 'payment',
          payment: { id: created.body.id, number: created.body.number, method: 'bank_transfer', receivedOn: lastYear('11-03') },
          amount: { amountMinor: '4000', currency: 'EUR' },
          allocatedOn: lastYear('11-03'),
        },
      ],
    });

    // Another client's key of the same name is another request.
    const otherClient = new ApiClient(harness.url, await harness.newApiToken('other client'));
    const theirs = await otherClient.post('/api/v1/payments', { ...body, amount: '60.00' }, headers);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(created.body.id);
    const paid = (await api.get(`/api/v1/customers/${customer.id}/invoices`)).body.items;
    expect(paid.map((i: Json) => [i.id, i.paymentStatus, i.amountOpen.amountMinor, i.overdue])).toEqual([[invoice.id, 'paid', '0', false]]);
    expect(await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id))).toHaveLength(2);
  });

  it('records one payment for 20 concurrent requests with one key, and refuses that key for another body', async () => {
    const { customer } = await customerWithInvoice();
    const body = { customerId: customer.id, amount: '25.00', method: 'cash', receivedOn: lastYear('12-01'), reference: 'Till receipt 77' };
    const headers = { 'Idempotency-Key': `till-77-${customer.id}` };

    const answers = await Promise.all(Array.from({ length: 20 }, () => api.post('/api/v1/payments', body, headers)));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    expect(await harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customer.id))).toHaveLength(1);

    const reused = await refused(() => api.post('/api/v1/payments', { ...body, amount: '26.00' }, headers));
    expect(reused.errors).toEqual([{ field: 'Idempotency-Key', message: 'was already used for a different request; use a new key for a new payment' }]);
  });

  it('refuses bad fields naming each one, and stores nothing', async () => {
    const { customer } = await customerWithInvoice();
    const { invoice: theirs } = await customerWithInvoice();
    const good = { customerId: customer.id, amount: '10.00', method: 'cheque', receivedOn: lastYear('12-01'), reference: 'Cheque 1001' };

    expect((await refused(() => api.post('/api/v1/payments', { ...good, amount: '10.001', invoiceId: theirs.id, receivedOn: '2099-01-01' }))).errors).toEqual([
      { field: 'amount', message: 'must have at most 2 decimals in EUR' },
      { field: 'receivedOn', message: expect.stringMatching(/^must be between \d{4}-01-01 and today \(\d{4}-\d{2}-\d{2}\)$/) },
      { field: 'invoiceId', message: `is invoice ${theirs.number} of another customer` },
    ]);
    expect((await refused(() => api.post('/api/v1/payments', { ...good, method: 'card', amount: 10, reference: '' }))).errors).toEqual([
      { field: 'amount', message: 'must be the amount as a decimal string such as "49.90"' },
      { field: 'method', message: 'must be one of bank_transfer, cash, cheque' },
      { field: 'reference', message: 'is required: the bank reference, cheque number or receipt' },
    ]);
    expect((await refused(() => api.post('/api/v1/payments', { ...good, tip: '1.00' }))).errors).toEqual([{ field: 'tip', message: 'is not a field of this request' }]);
    expect((await refused(() => api.post('/api/v1/payments', good, { 'Idempotency-Key': ' ' }))).errors).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
    ]);
  });
});

describe('reading payments', () => {
  it('lists payments page by page with their filters, a customer’s payments, and answers 404 for unknown ids', async () => {
    const { customer } = await customerWithInvoice();
    for (const [day, method] of [['06-01', 'cash'], ['06-02', 'cheque'], ['06-03', 'cash']] as const) {
      expect((await api.post('/api/v1/payments', { customerId: customer.id, amount: '1.00', method, receivedOn: lastYear(day), reference: `R-${day}` })).status).toBe(201);
    }

    const first = await api.get(`/api/v1/payments?customerId=${customer.id}&limit=2`);
    expect(first.status).toBe(200);
    for (const item of first.body.items) expect(paymentWire.strict().safeParse(item).error?.issues ?? []).toEqual([]);
    expect(first.body.items.map((p: Json) => p.reference)).toEqual(['R-06-03', 'R-06-02']);
    const second = await api.get(`/api/v1/payments?customerId=${customer.id}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ reference: 'R-06-01' }], nextCursor: null });

    const cash = await api.get(`/api/v1/customers/${customer.id}/payments?method=cash&from=${lastYear('06-02')}&to=${lastYear('06-30')}`);
    expect(cash.body.items.map((p: Json) => p.reference)).toEqual(['R-06-03']);
    expect((await api.get(`/api/v1/payments?customerId=${customer.id}&needsReview=true`)).body.items).toEqual([]);

    expect((await api.get('/api/v1/payments?method=barter')).body.errors).toEqual([{ field: 'method', message: 'must be one of card, bank_transfer, cash, cheque' }]);
    expect((await api.get('/api/v1/payments/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30')).status).toBe(404);
    expect((await api.get('/api/v1/invoices/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30/payments')).status).toBe(404);
    expect((await api.get('/api/v1/customers/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30/payments')).status).toBe(404);
  });

  it('describes every payment operation and the invoice’s payment fields in the OpenAPI document', async () => {
    const document = (await new ApiClient(harness.url, null).get('/api/v1/openapi.json')).body;
    expect(Object.keys(document.paths['/api/v1/payments'])).toEqual(expect.arrayContaining(['get', 'post']));
    for (const path of ['/api/v1/payments/{paymentId}', '/api/v1/invoices/{invoiceId}/payments', '/api/v1/customers/{customerId}/payments']) {
      expect(Object.keys(document.paths[path])).toEqual(['get']);
    }
    expect(Object.keys(document.components.schemas.Invoice.properties)).toEqual(Object.keys(invoiceWire.shape));
    expect(document.components.schemas.Invoice.properties).toHaveProperty('overdue');
    expect(document.paths['/api/v1/payments'].post.parameters.map((p: Json) => p.name)).toContain('Idempotency-Key');
  });
});
