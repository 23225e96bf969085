// The staff one-off invoice and credit note pages against the real stack (Temporal dev server,
// worker, Postgres, the built portal): an invoice written from the customer page, refused rows
// shown under their fields with what was typed kept, the invoice page with its tax, a credit note
// issued from it (refusals under the line they are about), and the credit note page.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditNotes, emailMessages, invoices } from '../../db/schema.js';
import { createCustomer, type Customer } from '../../server/services/customers/customers.js';
import { createItem, type Item } from '../../server/services/catalog/items.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { links, visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;
let visit: Item;
let router: Item;
let customersCreated = 0;

beforeAll(async () => {
  harness = await createPortalHarness();
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
  visit = await createItem(harness.stack.ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8000, currency: 'EUR', taxRate: '21' });
  router = await createItem(harness.stack.ctx, { name: 'Router', kind: 'part', unitPrice: 12999, currency: 'EUR', taxRate: '7.7' });
  await createItem(harness.stack.ctx, { name: 'Dollar modem', kind: 'part', unitPrice: 5000, currency: 'USD', taxRate: '0' });
});
afterAll(() => harness?.dispose());

async function newCustomer(): Promise<Customer> {
  return (await createCustomer(harness.stack.ctx, { name: 'Ada Lovelace', email: `invoice-pages+${customersCreated++}@example.net`, currency: 'EUR' })).customer;
}

async function page(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text();
}

const invoicesOf = (customerId: string) => harness.stack.ctx.db.select().from(invoices).where(eq(invoices.customerId, customerId));

/** The form as a browser without JavaScript posts it: five rows, the unused ones empty. */
function invoiceForm(rows: Record<string, string>[], fields: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = { rowCount: '5', issueDate: '', ...fields };
  for (let row = 0; row < 5; row += 1) {
    for (const field of ['itemId', 'quantity', 'unitAmountMinor', 'description', 'taxRate']) form[`line-${row}-${field}`] = rows[row]?.[field] ?? '';
  }
  return form;
}

describe('staff one-off invoice pages', () => {
  it('issues an invoice from the customer page, shows it with its tax, and emails it', async () => {
    const customer = await newCustomer();
    const customerPage = await page(`/staff/customers/${customer.id}`);
    expect(links(customerPage, /\/invoices\/new$/)).toEqual([`/staff/customers/${customer.id}/invoices/new`]);
    expect(visibleText(customerPage)).toContain('New one-off invoice');

    const form = visibleText(await page(`/staff/customers/${customer.id}/invoices/new`));
    expect(form).toContain('Technician visit — €80.00 + 21% tax');
    expect(form).not.toContain('Dollar modem');

    const issued = await browser.postForm(
      `/staff/customers/${customer.id}/invoices/new`,
      invoiceForm([{ itemId: visit.id, quantity: '1.5' }, {}, { itemId: router.id, quantity: '1', description: 'Fibre router', unitAmountMinor: '9999' }]),
    );
    expect(issued.status).toBe(302);
    const [stored] = await invoicesOf(customer.id);
    // 1.5 × 80.00 = 120.00 + 25.20; 99.99 + 7.7% = 7.69923 → 7.70
    expect(stored).toMatchObject({ kind: 'one_off', totalMinor: 25289n, taxMinor: 3290n });
    expect(issued.headers.get('location')).toBe(`/staff/invoices/${stored!.id}`);

    const shown = visibleText(await page(`/staff/invoices/${stored!.id}`));
    expect(shown).toContain(`Invoice ${stored!.number} issued and emailed to ${customer.email}.`);
    expect(shown).toContain('One-off invoice');
    expect(shown).not.toContain('Period');
    expect(shown).toMatch(/Technician visit 1\.5 €80\.00 €120\.00 21% €25\.20/);
    expect(shown).toMatch(/Fibre router 1 €99\.99 €99\.99 7\.7% €7\.70/);
    expect(shown).toMatch(/Net €219\.99 Tax €32\.90 Total €252\.89/);
    expect(shown).toContain('No credit notes');
    await eventually(async () => {
      const sent = await harness.stack.ctx.db.select().from(emailMessages).where(eq(emailMessages.entityId, stored!.id));
      expect(sent.map((email) => email.kind)).toEqual(['invoice-issued']);
    });
  });

  it('refuses bad rows under their fields, keeps what was typed, and stores nothing', async () => {
    const customer = await newCustomer();
    const response = await browser.postForm(
      `/staff/customers/${customer.id}/invoices/new`,
      invoiceForm([{}, { itemId: visit.id, quantity: '0' }, { quantity: '2', description: 'Mystery part' }, { itemId: router.id, quantity: '1', unitAmountMinor: '12.50' }]),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    const rowOf = (message: string) => /data-row="(\d)"/.exec(html.slice(0, html.indexOf(message)).split('quote-line').at(-1) ?? '')?.[1];
    expect(rowOf('must be more than zero')).toBe('1');
    expect(rowOf('is required')).toBe('2');
    expect(rowOf('must be a whole number of minor units')).toBe('3');
    expect(html).toContain('value="Mystery part"');
    expect(html).toContain('value="12.50"');
    expect(await invoicesOf(customer.id)).toHaveLength(0);

    const nothing = await browser.postForm(`/staff/customers/${customer.id}/invoices/new`, invoiceForm([]));
    expect(nothing.status).toBe(422);
    expect(visibleText(await nothing.text())).toContain('must have at least one line');
    expect(await invoicesOf(customer.id)).toHaveLength(0);
    expect((await browser.get('/staff/customers/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30/invoices/new')).status).toBe(404);
  });
});

describe('staff credit note pages', () => {
  it('credits part of a line, refuses more than remains under that line, then credits the rest and shows the credit notes', async () => {
    const customer = await newCustomer();
    await browser.postForm(`/staff/customers/${customer.id}/invoices/new`, invoiceForm([{ itemId: visit.id, quantity: '2' }, { itemId: router.id, quantity: '1' }]));
    const [invoice] = await invoicesOf(customer.id);
    const invoicePage = `/staff/invoices/${invoice!.id}`;

    const partial = await browser.postForm(invoicePage, { intent: 'credit', reason: 'Visit was half as long', scope: 'lines', 'credit-0-amountMinor': '8000' });
    expect(partial.status).toBe(302);
    const [note] = await harness.stack.ctx.db.select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice!.id));
    expect(note).toMatchObject({ netMinor: 8000n, taxMinor: 1680n, totalMinor: 9680n, reason: 'Visit was half as long' });
    expect(partial.headers.get('location')).toBe(`/staff/credit-notes/${note!.id}`);
    const notePage = visibleText(await page(`/staff/credit-notes/${note!.id}`));
    expect(notePage).toContain(`Credit note ${note!.number} issued and emailed to ${customer.email}.`);
    expect(notePage).toContain(`for invoice ${invoice!.number}`);
    expect(notePage).toContain('Visit was half as long');
    expect(notePage).toMatch(/Technician visit 1 4200 €80\.00 €16\.80/);
    expect(notePage).toMatch(/Total credited €96\.80/);

    const over = await browser.postForm(invoicePage, { intent: 'credit', reason: 'Too much', scope: 'lines', 'credit-0-amountMinor': '8001', 'credit-1-rest': 'on' });
    expect(over.status).toBe(422);
    const html = await over.text();
    const message = 'must be at most 8000, what remains to be credited on line 0 (€80.00 net)';
    expect(visibleText(html)).toContain(message);
    expect(/data-position="(\d)"/.exec(html.slice(0, html.indexOf(message)).split('credit-line').at(-1) ?? '')?.[1]).toBe('0');
    expect(html).toContain('value="8001"');
    const missingReason = await browser.postForm(invoicePage, { intent: 'credit', reason: '', scope: 'whole' });
    expect(missingReason.status).toBe(422);
    expect(visibleText(await missingReason.text())).toContain('is required: say why the invoice is credited');
    expect(await harness.stack.ctx.db.select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice!.id))).toHaveLength(1);

    expect((await browser.postForm(invoicePage, { intent: 'credit', reason: 'Cancelled', scope: 'whole' })).status).toBe(302);
    const shown = await page(invoicePage);
    expect(links(shown, /^\/staff\/credit-notes\//)).toHaveLength(2);
    expect(visibleText(shown)).toMatch(/Credited −€333\.60 Remaining after credit notes €0\.00/);
    expect(visibleText(shown)).toContain('This invoice is credited in full.');
    const again = await browser.postForm(invoicePage, { intent: 'credit', reason: 'Again', scope: 'whole' });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain(`Invoice ${invoice!.number} is already credited in full; nothing is left to credit.`);
    expect((await browser.get('/staff/credit-notes/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30')).status).toBe(404);
  });
});
