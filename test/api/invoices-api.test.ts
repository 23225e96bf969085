// One-off invoices and credit notes through the REST API, against the real stack (portal, Temporal
// dev server and worker, Postgres): what an integrator sends and gets back, what is emailed, and
// refusals that name the field and store nothing.
import { and, count, eq } from 'drizzle-orm';
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditNotes, emailMessages, invoices } from '../../db/schema.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let router: Json;
let visit: Json;
let made = 0;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  router = (await api.post('/api/v1/items', { name: 'Router swap', kind: 'part', unitPrice: 4990, currency: 'EUR', taxRate: '21' })).body;
  visit = (await api.post('/api/v1/items', { name: 'Technician visit', kind: 'service', unitPrice: 9000, currency: 'EUR', taxRate: '20' })).body;
});
afterAll(() => harness?.dispose());

async function newCustomer(): Promise<Json> {
  return (await api.post('/api/v1/customers', { name: 'Ada Lovelace', email: `api-invoice-${made++}@example.net`, currency: 'EUR' })).body;
}

async function stored() {
  const { db } = harness.stack.ctx;
  return {
    invoices: (await db.select({ n: count() }).from(invoices))[0]?.n,
    creditNotes: (await db.select({ n: count() }).from(creditNotes))[0]?.n,
  };
}

async function refused(request: () => Promise<{ status: number; body: Json }>, status = 422): Promise<Json> {
  const before = await stored();
  const answer = await request();
  expect(answer.status).toBe(status);
  expect(await stored()).toEqual(before);
  return answer.body;
}

async function emailsAbout(entityId: string) {
  return harness.stack.ctx.db.select().from(emailMessages).where(eq(emailMessages.entityId, entityId));
}

describe('POST /api/v1/invoices', () => {
  it('issues a one-off invoice (201, Location) with lines, tax and total, emailed once however often the keyed request is retried', async () => {
    const customer = await newCustomer();
    const body = {
      customerId: customer.id,
      lines: [
        { itemId: router.id, quantity: '2' },
        { itemId: visit.id, quantity: '1', unitAmountMinor: '7500', description: 'Short visit' },
      ],
    };
    const headers = { 'Idempotency-Key': `visit-${customer.id}` };

    const created = await api.post('/api/v1/invoices', body, headers);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/invoices/${created.body.id}`);
    expect(created.body).toMatchObject({
      kind: 'one_off',
      customerId: customer.id,
      periodStart: null,
      tax: { amountMinor: '3596', currency: 'EUR' },
      total: { amountMinor: '21076', currency: 'EUR' },
      credited: { amountMinor: '0', currency: 'EUR' },
      creditNotes: [],
    });
    expect(created.body.lines.map((l: Json) => [l.description, l.quantity, l.unitAmount.amountMinor, l.amount.amountMinor, l.taxRate, l.tax.amountMinor, l.itemId]))
      .toEqual([
        ['Router swap', '2', '4990', '9980', '21', '2096', router.id],
        ['Short visit', '1', '7500', '7500', '20', '1500', visit.id],
      ]);

    const again = await api.post('/api/v1/invoices', body, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(created.body.id);

    const sent = await eventually(async () => {
      const emails = await emailsAbout(created.body.id);
      expect(emails).toHaveLength(1);
      return emails;
    });
    expect(sent[0]).toMatchObject({ kind: 'invoice-issued', recipient: customer.email });
    expect((await api.get(`/api/v1/invoices/${created.body.id}`)).body).toEqual(created.body);
    const customerInvoices = await harness.stack.ctx.db.select().from(invoices).where(eq(invoices.customerId, customer.id));
    expect(customerInvoices).toHaveLength(1);
  });

  it('refuses bad lines naming each field by its path, and stores nothing', async () => {
    const customer = await newCustomer();
    const body = await refused(() =>
      api.post('/api/v1/invoices', {
        customerId: customer.id,
        lines: [{ itemId: router.id, quantity: '1' }, { itemId: router.id, quantity: 'two', taxRate: '-1' }],
      }),
    );
    expect(body.errors).toEqual([
      { field: 'lines[1].quantity', message: 'must be a plain decimal number such as "2" or "1.5"' },
      { field: 'lines[1].taxRate', message: 'must be between 0 and 100' },
    ]);
    expect((await refused(() => api.post('/api/v1/invoices', { customerId: customer.id, lines: [] }))).errors)
      .toEqual([{ field: 'lines', message: 'must have at least one line' }]);
    expect((await refused(() => api.post('/api/v1/invoices', { customerId: customer.id, lines: [{ itemId: router.id, quantity: 1 }], colour: 'red' }))).errors)
      .toEqual([{ field: 'colour', message: 'is not a field of this request' }]);
  });

  it('refuses amounts too large to store, per line and for the lines together, naming the field, and stores nothing', async () => {
    const customer = await newCustomer();
    // A billion units at ten trillion euros each would overflow the database (22003), answered 500 before.
    const huge = await refused(() =>
      api.post('/api/v1/invoices', { customerId: customer.id, lines: [{ itemId: router.id, quantity: '999999999', unitAmountMinor: '1000000000000000' }] }),
    );
    expect(huge.errors).toEqual([{ field: 'lines[0].quantity', message: 'makes the line total too large (at most €10,000,000,000,000.00 net)' }]);
    // Two lines of 5,000,000,000,000.00 each fit, but with 21% tax they total 12,100,000,000,000.00.
    const half = { itemId: router.id, quantity: '500', unitAmountMinor: '1000000000000' };
    const together = await refused(() => api.post('/api/v1/invoices', { customerId: customer.id, lines: [half, half] }));
    expect(together.errors).toEqual([
      { field: 'lines', message: 'add up to €12,100,000,000,000.00 with tax, more than one document may total (at most €10,000,000,000,000.00)' },
    ]);
  });

  it('refuses an issue date after today or before the start of last year, naming the range', async () => {
    const customer = await newCustomer();
    const today = isoDateFromEpochMs(Date.now());
    const earliest = `${Number(today.slice(0, 4)) - 1}-01-01`;
    const message = `must be between ${earliest} and today (${today})`;
    for (const issueDate of ['0001-01-01', addDays(earliest, -1), addDays(today, 1), '2099-06-01']) {
      const body = await refused(() => api.post('/api/v1/invoices', { customerId: customer.id, issueDate, lines: [{ itemId: router.id, quantity: '1' }] }));
      expect(body.errors).toEqual([{ field: 'issueDate', message }]);
    }
  });
});

describe('credit notes through the API', () => {
  it('credits part of a line, lists and reads the credit note, refuses over-crediting, and answers 409 once all is credited', async () => {
    const customer = await newCustomer();
    const invoice = (await api.post('/api/v1/invoices', { customerId: customer.id, lines: [{ itemId: router.id, quantity: '2' }] })).body;

    const created = await api.post(`/api/v1/invoices/${invoice.id}/credit-notes`, { reason: 'One router returned', lines: [{ position: 0, amountMinor: 4990 }] });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/credit-notes/${created.body.id}`);
    expect(created.body).toMatchObject({
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      reason: 'One router returned',
      net: { amountMinor: '4990', currency: 'EUR' },
      tax: { amountMinor: '1048', currency: 'EUR' },
      total: { amountMinor: '6038', currency: 'EUR' },
    });
    expect(created.body.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect(created.body.lines).toEqual([
      { position: 0, invoiceLinePosition: 0, description: 'Router swap', amount: { amountMinor: '4990', currency: 'EUR' }, tax: { amountMinor: '1048', currency: 'EUR' }, revenueAccountCode: '4300' },
    ]);
    expect((await api.get(`/api/v1/credit-notes/${created.body.id}`)).body).toEqual(created.body);
    const { customer: _customer, lines: _lines, ...summary } = created.body;
    expect((await api.get(`/api/v1/invoices/${invoice.id}/credit-notes`)).body).toEqual({ items: [summary] });
    expect((await api.get(`/api/v1/invoices/${invoice.id}`)).body.credited).toEqual({ amountMinor: '6038', currency: 'EUR' });

    const over = await refused(() => api.post(`/api/v1/invoices/${invoice.id}/credit-notes`, { reason: 'Both', lines: [{ position: 0, amountMinor: 5000 }] }));
    expect(over.errors).toEqual([{ field: 'lines[0].amountMinor', message: 'must be at most 4990, what remains to be credited on line 0 (€49.90 net)' }]);
    expect((await refused(() => api.post(`/api/v1/invoices/${invoice.id}/credit-notes`, { lines: [{ position: 0 }] }))).errors)
      .toEqual([{ field: 'reason', message: 'is required' }]);

    expect((await api.post(`/api/v1/invoices/${invoice.id}/credit-notes`, { reason: 'The other one too' })).status).toBe(201);
    const conflict = await refused(() => api.post(`/api/v1/invoices/${invoice.id}/credit-notes`, { reason: 'Again' }), 409);
    expect(conflict.detail).toBe(`Invoice ${invoice.number} is already credited in full; nothing is left to credit.`);

    await eventually(async () => {
      const emails = await harness.stack.ctx.db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.customerId, customer.id), eq(emailMessages.kind, 'credit-note-issued')));
      expect(emails).toHaveLength(2);
    });
  });

  it('answers 404 for an unknown invoice or credit note', async () => {
    const unknown = '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30';
    expect((await refused(() => api.post(`/api/v1/invoices/${unknown}/credit-notes`, { reason: 'x' }), 404)).status).toBe(404);
    expect((await api.get(`/api/v1/invoices/${unknown}/credit-notes`)).status).toBe(404);
    expect((await api.get(`/api/v1/credit-notes/${unknown}`)).status).toBe(404);
  });
});
