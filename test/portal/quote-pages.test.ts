// The staff quote pages against the real stack (Temporal dev server, worker, Postgres, the built
// portal): a quote written on the customer's page, refused fields shown under their row with what
// was typed kept, sent, accepted for the customer into an invoice, and listed by status.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { quotes } from '../../db/schema.js';
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
  harness = await createPortalHarness({ temporalUiUrl: 'http://temporal-ui.test:8233' });
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
  visit = await createItem(harness.stack.ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8000, currency: 'EUR', taxRate: '21' });
  router = await createItem(harness.stack.ctx, { name: 'Router', kind: 'part', unitPrice: 12999, currency: 'EUR', taxRate: '7.7' });
  // Offered to USD customers only: never on this EUR customer's form.
  await createItem(harness.stack.ctx, { name: 'Dollar modem', kind: 'part', unitPrice: 5000, currency: 'USD', taxRate: '0' });
});
afterAll(() => harness?.dispose());

async function newCustomer(): Promise<Customer> {
  return (await createCustomer(harness.stack.ctx, { name: 'Ada Lovelace', email: `ada+${customersCreated++}@example.net`, currency: 'EUR' })).customer;
}

async function page(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text();
}

const quotesOf = (customerId: string) => harness.stack.ctx.db.select().from(quotes).where(eq(quotes.customerId, customerId));

/** The form as a browser without JavaScript posts it: five rows, the unused ones empty. */
function quoteForm(rows: Record<string, string>[], fields: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = { rowCount: '5', validUntil: addDays(isoDateFromEpochMs(Date.now()), 14), note: '', intent: 'draft', ...fields };
  for (let row = 0; row < 5; row += 1) {
    for (const field of ['itemId', 'quantity', 'unitAmountMinor', 'description', 'taxRate']) form[`line-${row}-${field}`] = rows[row]?.[field] ?? '';
  }
  return form;
}

describe('staff quote pages', () => {
  it('writes a quote from the customer page, sends it, accepts it for the customer, and shows the invoice and history', async () => {
    const customer = await newCustomer();
    const customerPage = await page(`/staff/customers/${customer.id}`);
    expect(visibleText(customerPage)).toContain('Quotes New quote No quotes yet');
    expect(links(customerPage, /\/quotes\/new$/)).toEqual([`/staff/customers/${customer.id}/quotes/new`]);

    const form = await page(`/staff/customers/${customer.id}/quotes/new`);
    expect(visibleText(form)).toContain('Technician visit — €80.00 + 21% tax');
    expect(visibleText(form)).not.toContain('Dollar modem');

    const created = await browser.postForm(
      `/staff/customers/${customer.id}/quotes/new`,
      quoteForm([{ itemId: visit.id, quantity: '1.5' }, {}, { itemId: router.id, quantity: '1', description: 'Fibre router' }], { note: 'For the failed router' }),
    );
    expect(created.status).toBe(302);
    const [stored] = await quotesOf(customer.id);
    expect(stored).toMatchObject({ status: 'draft', totalMinor: 28520n, note: 'For the failed router' });
    expect(created.headers.get('location')).toBe(`/staff/quotes/${stored!.id}`);

    const draft = visibleText(await page(`/staff/quotes/${stored!.id}`));
    expect(draft).toContain(`Quote ${stored!.number} saved as a draft`);
    expect(draft).toMatch(/Technician visit 1\.5 €80\.00 21% €25\.20 €120\.00/);
    expect(draft).toMatch(/Fibre router 1 €129\.99 7\.7% €10\.01 €129\.99/);
    expect(draft).toMatch(/Net €249\.99 Tax €35\.21 Total €285\.20/);
    expect(draft).toContain(`Workflow quote/${stored!.id} starts when the quote is sent`);

    expect((await browser.postForm(`/staff/quotes/${stored!.id}`, { intent: 'send' })).status).toBe(302);
    const sent = await page(`/staff/quotes/${stored!.id}`);
    expect(visibleText(sent)).toContain(`Quote ${stored!.number} sent to ${customer.email}`);
    expect(links(sent, /temporal-ui\.test/)).toEqual([`http://temporal-ui.test:8233/namespaces/default/workflows/${encodeURIComponent(`quote/${stored!.id}`)}`]);
    await eventually(async () => expect(visibleText(await page(`/staff/quotes/${stored!.id}`))).toMatch(/Quote emailed \((outbox|sent)\)/));
    // The workflow's own account of itself: waiting, with the reminder 3 days before the end.
    expect(visibleText(await page(`/staff/quotes/${stored!.id}`))).toMatch(/\(waiting; reminder due \d+ \w+ \d{4}, \d\d:\d\d/);

    const accepted = await browser.postForm(`/staff/quotes/${stored!.id}`, { intent: 'accept' });
    expect(accepted.status).toBe(302);
    const [decided] = await quotesOf(customer.id);
    expect(decided).toMatchObject({ status: 'accepted', decidedVia: 'staff' });
    const done = await page(`/staff/quotes/${stored!.id}`);
    expect(links(done, /^\/staff\/invoices\//)).toEqual([`/staff/invoices/${decided!.invoiceId}`]);
    expect(visibleText(done)).toMatch(/Quote Q-\d{4}-\d{6} accepted: invoice INV-\d{4}-\d{6} issued\./);
    expect(visibleText(done)).toContain('Accepted via staff');
    // Decided: no more actions to take.
    expect(done).not.toContain('name="intent"');

    const declineLate = await browser.postForm(`/staff/quotes/${stored!.id}`, { intent: 'decline' });
    expect(declineLate.status).toBe(409);
    expect(visibleText(await declineLate.text())).toMatch(/was accepted on .*; it can no longer be declined\./);

    const listed = await page('/staff/quotes?status=accepted');
    expect(links(listed, /^\/staff\/quotes\/[0-9a-f-]{36}$/)).toContain(`/staff/quotes/${stored!.id}`);
    expect(links(await page('/staff/quotes?status=draft'), /^\/staff\/quotes\/[0-9a-f-]{36}$/)).not.toContain(`/staff/quotes/${stored!.id}`);
    expect(links(await page('/staff/customers'), /^\/staff\/quotes$/)).toHaveLength(1);
    expect(visibleText(await page(`/staff/customers/${customer.id}`))).toMatch(new RegExp(`${stored!.number} accepted €285\\.20`));
  });

  it('refuses bad rows under their fields, keeps what was typed, and stores nothing', async () => {
    const customer = await newCustomer();
    const response = await browser.postForm(
      `/staff/customers/${customer.id}/quotes/new`,
      quoteForm([{}, { itemId: visit.id, quantity: '0' }, { quantity: '2', description: 'Mystery part' }, { itemId: router.id, quantity: '1', taxRate: '21%' }], {
        validUntil: '2020-01-01',
        note: 'Keep me',
      }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain('must be more than zero');
    expect(text).toContain('is required');
    expect(text).toContain('without "%"');
    // Each error sits in its own row (rows 1, 2 and 3 here; row 0 was left empty).
    const rowOf = (message: string) => /data-row="(\d)"/.exec(html.slice(0, html.indexOf(message)).split('quote-line').at(-1) ?? '')?.[1];
    expect(rowOf('must be more than zero')).toBe('1');
    expect(rowOf('is required')).toBe('2');
    expect(rowOf('without &quot;%&quot;')).toBe('3');
    expect(html).toContain('value="Mystery part"');
    expect(html).toContain('value="21%"');
    expect(html).toContain('Keep me');
    expect(await quotesOf(customer.id)).toHaveLength(0);

    const dated = await browser.postForm(`/staff/customers/${customer.id}/quotes/new`, quoteForm([{ itemId: visit.id, quantity: '1' }], { validUntil: '2020-01-01' }));
    expect(dated.status).toBe(422);
    expect(visibleText(await dated.text())).toContain('must be after today');
    const nothing = await browser.postForm(`/staff/customers/${customer.id}/quotes/new`, quoteForm([]));
    expect(visibleText(await nothing.text())).toContain('must have at least one line');
    expect(await quotesOf(customer.id)).toHaveLength(0);
  });

  it('creates and sends at once, declines for the customer, and answers 404 for an unknown quote or customer', async () => {
    const customer = await newCustomer();
    const created = await browser.postForm(`/staff/customers/${customer.id}/quotes/new`, quoteForm([{ itemId: visit.id, quantity: '2' }], { intent: 'send' }));
    expect(created.status).toBe(302);
    const [stored] = await quotesOf(customer.id);
    expect(stored?.status).toBe('sent');
    expect((await browser.postForm(`/staff/quotes/${stored!.id}`, { intent: 'decline' })).status).toBe(302);
    expect((await quotesOf(customer.id))[0]).toMatchObject({ status: 'declined', decidedVia: 'staff' });
    expect(visibleText(await page(`/staff/quotes/${stored!.id}`))).toContain('Declined via staff');

    const unknown = '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30';
    expect((await browser.get(`/staff/quotes/${unknown}`)).status).toBe(404);
    expect((await browser.get(`/staff/customers/${unknown}/quotes/new`)).status).toBe(404);
  });
});
