// Quotes through the REST API, against the real stack (Temporal dev server, worker, Postgres, the
// built portal): create with every bad field named, read, list, send, and decide on the customer's
// behalf, with 409 answers that say why.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { emailMessages, invoices, quotes } from '../../db/schema.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let visit: Json;
let dollarItem: Json;
let retired: Json;
let customersCreated = 0;

const today = () => isoDateFromEpochMs(Date.now());

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  visit = (await api.post('/api/v1/items', { name: 'Technician visit', kind: 'service', unitPrice: 8000, currency: 'EUR', taxRate: '21' })).body;
  dollarItem = (await api.post('/api/v1/items', { name: 'Modem', kind: 'part', unitPrice: 5000, currency: 'USD', taxRate: '0' })).body;
  retired = (await api.post('/api/v1/items', { name: 'ISDN card', kind: 'part', unitPrice: 1000, currency: 'EUR', taxRate: '21' })).body;
  await api.patch(`/api/v1/items/${retired.id}`, { active: false });
});
afterAll(() => harness?.dispose());

async function newCustomer() {
  return (await api.post('/api/v1/customers', { name: 'Ada Lovelace', email: `ada+${customersCreated++}@example.test`, currency: 'EUR' })).body;
}

async function storedQuotes() {
  return (await harness.stack.ctx.db.select({ n: count() }).from(quotes))[0]?.n ?? 0;
}

async function emailCount(quoteId: string, kind: string) {
  const rows = await harness.stack.ctx.db.select().from(emailMessages).where(eq(emailMessages.entityId, quoteId));
  return rows.filter((row) => row.kind === kind).length;
}

describe('quotes API', () => {
  it('creates a draft (201, Location, lines priced with tax rounded once per line), reads and lists it', async () => {
    const customer = await newCustomer();
    const created = await api.post('/api/v1/quotes', {
      customerId: customer.id,
      lines: [
        { itemId: visit.id, quantity: '1.5' },
        { itemId: visit.id, quantity: 1, unitAmountMinor: 3333, description: 'Cable run', taxRate: '7.7' },
      ],
      validDays: 14,
      note: 'Router replacement',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/quotes/${created.body.id}`);
    expect(created.body).toMatchObject({
      number: expect.stringMatching(/^Q-\d{4}-\d{6}$/),
      customerId: customer.id,
      customer: { id: customer.id, name: 'Ada Lovelace', email: customer.email },
      status: 'draft',
      validUntil: addDays(today(), 14),
      note: 'Router replacement',
      sentAt: null,
      invoice: null,
      lines: [
        {
          position: 0,
          itemId: visit.id,
          description: 'Technician visit',
          quantity: '1.5',
          unitAmount: { amountMinor: '8000', currency: 'EUR' },
          amount: { amountMinor: '12000', currency: 'EUR' },
          taxRate: '21',
          tax: { amountMinor: '2520', currency: 'EUR' },
        },
        {
          position: 1,
          description: 'Cable run',
          quantity: '1',
          unitAmount: { amountMinor: '3333', currency: 'EUR' },
          amount: { amountMinor: '3333', currency: 'EUR' },
          taxRate: '7.7',
          // 256.641 rounds to 257
          tax: { amountMinor: '257', currency: 'EUR' },
        },
      ],
      net: { amountMinor: '15333', currency: 'EUR' },
      tax: { amountMinor: '2777', currency: 'EUR' },
      total: { amountMinor: '18110', currency: 'EUR' },
    });

    const read = await api.get(`/api/v1/quotes/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const listed = await api.get(`/api/v1/quotes?customerId=${customer.id}&status=draft`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((quote: Json) => quote.id)).toEqual([created.body.id]);
    expect(listed.body.items[0]).toMatchObject({ number: created.body.number, customerName: 'Ada Lovelace', total: created.body.total });
    expect((await api.get(`/api/v1/quotes?customerId=${customer.id}&status=sent`)).body.items).toEqual([]);
  });

  it('names every bad field, line fields by their path, and stores nothing', async () => {
    const customer = await newCustomer();
    const before = await storedQuotes();
    const answer = await api.post('/api/v1/quotes', {
      customerId: customer.id,
      lines: [
        { itemId: visit.id, quantity: '0' },
        { itemId: dollarItem.id, quantity: '1', unitAmountMinor: 12.5 },
        { itemId: retired.id, quantity: '1.23456', taxRate: '120' },
        { quantity: '2' },
      ],
      validUntil: today(),
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'lines[0].quantity', message: 'must be more than zero' },
        { field: 'lines[1].unitAmountMinor', message: 'must be a whole number of minor units' },
        { field: 'lines[2].quantity', message: 'must have at most 4 decimals' },
        { field: 'lines[2].taxRate', message: 'must be between 0 and 100' },
        { field: 'lines[3].itemId', message: 'is required' },
      ]),
    );
    expect(answer.body.errors).toHaveLength(5);
    // Once the shapes are right, what only the database knows is named the same way.
    const second = await api.post('/api/v1/quotes', {
      customerId: customer.id,
      lines: [{ itemId: dollarItem.id, quantity: '1' }, { itemId: retired.id, quantity: '1' }],
      validUntil: today(),
    });
    expect(second.body.errors).toEqual([
      { field: 'validUntil', message: `must be after today (${today()})` },
      { field: 'lines[0].itemId', message: '"Modem" is priced in USD, but the customer is billed in EUR' },
      { field: 'lines[1].itemId', message: '"ISDN card" is inactive and can no longer be billed' },
    ]);
    const empty = await api.post('/api/v1/quotes', { lines: [], extra: 1 });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([{ field: 'extra', message: 'is not a field of this request' }]);
    const missing = await api.post('/api/v1/quotes', { lines: [] });
    expect(missing.body.errors).toEqual([
      { field: 'customerId', message: 'is required' },
      { field: 'lines', message: 'must have at least one line' },
    ]);
    expect(await storedQuotes()).toBe(before);
  });

  it('refuses amounts too large to store, per line and for the lines together, naming the field, and stores nothing', async () => {
    const customer = await newCustomer();
    const before = await storedQuotes();
    const validUntil = addDays(today(), 14);
    const huge = await api.post('/api/v1/quotes', {
      customerId: customer.id,
      lines: [{ itemId: visit.id, quantity: '999999999', unitAmountMinor: '1000000000000000' }],
      validUntil,
    });
    expect(huge.status).toBe(422);
    expect(huge.body.errors).toEqual([{ field: 'lines[0].quantity', message: 'makes the line total too large (at most €10,000,000,000,000.00 net)' }]);
    // Two lines of 5,000,000,000,000.00 each fit, but with 21% tax they total 12,100,000,000,000.00.
    const half = { itemId: visit.id, quantity: '500', unitAmountMinor: '1000000000000' };
    const together = await api.post('/api/v1/quotes', { customerId: customer.id, lines: [half, half], validUntil });
    expect(together.status).toBe(422);
    expect(together.body.errors).toEqual([
      { field: 'lines', message: 'add up to €12,100,000,000,000.00 with tax, more than one document may total (at most €10,000,000,000,000.00)' },
    ]);
    expect(await storedQuotes()).toBe(before);
  });

  it('sends once, accepts once (a posted invoice), and refuses to decline an accepted quote with 409', async () => {
    const customer = await newCustomer();
    const quote = (await api.post('/api/v1/quotes', { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '2' }] })).body;
    expect(quote.validUntil).toBe(addDays(today(), 30));

    const sent = await api.post(`/api/v1/quotes/${quote.id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ id: quote.id, status: 'sent', sentAt: expect.any(String) });
    expect((await api.post(`/api/v1/quotes/${quote.id}/send`)).status).toBe(200);
    await eventually(async () => expect(await emailCount(quote.id, 'quote-sent')).toBe(1));

    const accepted = await api.post(`/api/v1/quotes/${quote.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      quoteId: quote.id,
      quoteNumber: quote.number,
      status: 'accepted',
      invoice: { id: expect.any(String), number: expect.stringMatching(/^INV-/) },
      alreadyDecided: false,
    });
    const again = await api.post(`/api/v1/quotes/${quote.id}/accept`);
    expect(again.body).toEqual({ ...accepted.body, alreadyDecided: true });

    const invoice = await api.get(`/api/v1/invoices/${accepted.body.invoice.id}`);
    expect(invoice.body).toMatchObject({ number: accepted.body.invoice.number, total: { amountMinor: '19360', currency: 'EUR' } });
    const read = await api.get(`/api/v1/quotes/${quote.id}`);
    expect(read.body).toMatchObject({ status: 'accepted', decidedVia: 'api', invoice: accepted.body.invoice });

    const decline = await api.post(`/api/v1/quotes/${quote.id}/decline`);
    expect(decline.status).toBe(409);
    expect(decline.headers.get('content-type')).toBe('application/problem+json');
    expect(decline.body).toMatchObject({ type: 'urn:uplink:problem:conflict', status: 409 });
    expect(decline.body.detail).toMatch(new RegExp(`^Quote ${quote.number} was accepted on \\d{4}-\\d{2}-\\d{2}; it can no longer be declined\\.$`));
    const stored = await harness.stack.ctx.db.select().from(invoices).where(eq(invoices.customerId, customer.id));
    expect(stored).toHaveLength(1);
  });

  it('declines, then refuses to accept or resend; an unsent quote cannot be decided, nor one past its validity sent', async () => {
    const customer = await newCustomer();
    const draft = (await api.post('/api/v1/quotes', { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '1' }], validDays: 3 })).body;
    const unsent = await api.post(`/api/v1/quotes/${draft.id}/accept`);
    expect(unsent.status).toBe(409);
    expect(unsent.body.detail).toBe(`Quote ${draft.number} has not been sent yet; it cannot be accepted.`);

    await api.post(`/api/v1/quotes/${draft.id}/send`);
    const declined = await api.post(`/api/v1/quotes/${draft.id}/decline`);
    expect(declined.body).toMatchObject({ status: 'declined', invoice: null, alreadyDecided: false });
    const accept = await api.post(`/api/v1/quotes/${draft.id}/accept`);
    expect(accept.status).toBe(409);
    expect(accept.body.detail).toContain('was declined on');
    expect(accept.body.detail).toContain('it can no longer be accepted.');
    const resend = await api.post(`/api/v1/quotes/${draft.id}/send`);
    expect(resend.status).toBe(409);
    expect(resend.body.detail).toBe(`Quote ${draft.number} is already declined; it cannot be sent again.`);

    // A draft left lying until after its last valid day (moved back in time here).
    const stale = (await api.post('/api/v1/quotes', { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '1' }], validDays: 1 })).body;
    const yesterday = addDays(today(), -1);
    await harness.stack.ctx.db.update(quotes).set({ validUntil: yesterday }).where(eq(quotes.id, stale.id));
    const late = await api.post(`/api/v1/quotes/${stale.id}/send`);
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe(`Quote ${stale.number} was valid until ${yesterday}; it can no longer be sent. Create a new quote instead.`);
  });

  it('answers 404 for a quote that does not exist, and 422 for an id that is not one', async () => {
    const unknown = '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30';
    for (const [method, path] of [
      ['GET', `/api/v1/quotes/${unknown}`],
      ['POST', `/api/v1/quotes/${unknown}/send`],
      ['POST', `/api/v1/quotes/${unknown}/accept`],
      ['POST', `/api/v1/quotes/${unknown}/decline`],
    ] as const) {
      const answer = await api.send(method, path);
      expect({ path, status: answer.status, detail: answer.body.detail }).toEqual({ path, status: 404, detail: `The quote ${unknown} does not exist.` });
    }
    const malformed = await api.get('/api/v1/quotes/Q-2026-000001');
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors).toEqual([{ field: 'quoteId', message: 'must be a quote id (a UUID)' }]);
  });
});
