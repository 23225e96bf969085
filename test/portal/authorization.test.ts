// The staff gate, page by page and action by action: without a session nothing is shown or
// changed, and a signed-in form post without the CSRF token is refused with nothing changed.
// "Nothing changed" is read where it would show: the database rows, and the signals in the
// customer workflow's Temporal history.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, apiKeys, customerRates, customers, meterReadings, meters, plans, rates, subscriptions } from '../../db/schema.js';
import { createApiKey, type CreatedApiKey } from '../../server/services/access/api-keys.js';
import { createCustomer, type Customer } from '../../server/services/customers/customers.js';
import { createMeter } from '../../server/services/readings/meters.js';
import { createPlan, type Plan } from '../../server/services/subscriptions/plans.js';
import { createRate, type Rate } from '../../server/services/rates/rates.js';
import { items } from '../../db/schema/items.js';
import { createItem } from '../../server/services/catalog/items.js';
import { quotes } from '../../db/schema.js';
import { createQuote } from '../../server/services/quotes/quotes.js';
import { creditNotes, invoices } from '../../db/schema.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { createCreditNote } from '../../server/services/credit-notes/credit-notes.js';
import { deliveryFinished } from '../support/delivery-finished.js';
import { parseInboundMime } from '../../emails/inbound/parse-inbound-mail.js';
import { receiveInboundMail } from '../../server/services/inbound/inbound-mail.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { signalsReceived } from './workflow-signals.js';

let harness: PortalHarness;
let plan: Plan;
let otherPlan: Plan;
let billed: Awaited<ReturnType<typeof createBilledCustomer>>;
let pending: Customer;
let apiKey: CreatedApiKey;
let rate: Rate;
let meterId: string;
let itemId: string;
let quoteId: string;
let oneOffInvoiceId: string;
let creditNoteId: string;
let inboundId: string;

beforeAll(async () => {
  harness = await createPortalHarness();
  const ctx = harness.stack.ctx;
  plan = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  otherPlan = await createPlan(ctx, { name: 'Fibre 500', amount: 6900, currency: 'EUR', interval: 'month' });
  billed = await createBilledCustomer(ctx, plan, { name: 'Grace Hopper', email: 'grace@example.net' });
  pending = (await createCustomer(ctx, { name: 'Alan Turing', email: 'alan@example.net', currency: 'EUR' })).customer;
  apiKey = await createApiKey(ctx, { name: 'CRM sync' });
  rate = await createRate(ctx, { name: 'Data', currency: 'EUR', components: [{ type: 'fixed', name: 'Router', amount: 500 }] });
  meterId = (await createMeter(ctx, { customerId: billed.customer.id, key: 'data', unit: 'GB', kind: 'delta' })).id;
  itemId = (await createItem(ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8500, currency: 'EUR', taxRate: '21' })).id;
  quoteId = (await createQuote(ctx, { customerId: pending.id, lines: [{ itemId, quantity: '1' }] })).id;
  oneOffInvoiceId = (await createOneOffInvoice(ctx, { customerId: pending.id, lines: [{ itemId, quantity: '2' }] })).invoice.id;
  creditNoteId = (await createCreditNote(ctx, oneOffInvoiceId, { reason: 'Goodwill', lines: [{ position: 0, amountMinor: 100 }] })).creditNote.id;
  // Their deliveries signal the pending customer's account: done before any snapshot is taken.
  for (const delivery of [{ kind: 'invoice' as const, documentId: oneOffInvoiceId }, { kind: 'credit-note' as const, documentId: creditNoteId }]) {
    await deliveryFinished(ctx, delivery);
  }
  const inbound = await parseInboundMime('From: someone@elsewhere.test\r\nTo: billing@isp.test\r\nMessage-ID: <authz@elsewhere.test>\r\nSubject: Hello\r\n\r\nyes\r\n');
  inboundId = (await receiveInboundMail(ctx, { channel: 'mime', mail: inbound, providerId: null, fallbackKey: 'authorization-test' })).inboundMessageId;
});
afterAll(() => harness?.dispose());

function staffPages(): string[] {
  const customerId = billed.customer.id;
  const emailId = billed.emails[0]!.id;
  return [
    '/staff/customers',
    '/staff/customers?search=grace&status=active',
    '/staff/customers/new',
    `/staff/customers/${customerId}`,
    `/staff/customers/${customerId}/cancel`,
    `/staff/customers/${pending.id}`,
    `/staff/invoices/${billed.invoices[0]!.id}`,
    '/staff/plans',
    `/staff/plans/${plan.id}`,
    '/staff/emails',
    '/staff/emails?status=outbox',
    `/staff/emails/${emailId}`,
    `/staff/emails/${emailId}/html`,
    '/staff/api-keys',
    '/staff/api-docs',
    '/staff/rates',
    '/staff/rates/new',
    `/staff/rates/${rate.id}`,
    `/staff/meters/${meterId}`,
    '/staff/imports',
    '/staff/items',
    `/staff/items/${itemId}`,
    '/staff/accounts',
    '/staff/accounts/4200',
    '/staff/trial-balance',
    `/staff/customers/${customerId}/statement`,
    '/staff/quotes',
    '/staff/quotes?status=draft',
    `/staff/quotes/${quoteId}`,
    `/staff/customers/${pending.id}/quotes/new`,
    `/staff/customers/${pending.id}/invoices/new`,
    `/staff/invoices/${oneOffInvoiceId}`,
    `/staff/credit-notes/${creditNoteId}`,
    '/staff/inbound',
    '/staff/inbound?status=refused',
    `/staff/inbound/${inboundId}`,
  ];
}

/** Every staff form, as a browser would post it (the CSRF token is added by StaffBrowser). */
function staffActions(): { name: string; path: string; fields: Record<string, string> }[] {
  const customerId = billed.customer.id;
  return [
    { name: 'create plan', path: '/staff/plans', fields: { name: 'Forged plan', amount: '100', currency: 'EUR', interval: 'month' } },
    { name: 'edit plan', path: `/staff/plans/${plan.id}`, fields: { name: 'Renamed', amount: '1' } },
    {
      name: 'create customer',
      path: '/staff/customers/new',
      fields: { name: 'Forged customer', email: 'forged@example.net', currency: 'EUR', planId: plan.id },
    },
    { name: 'cancel subscription', path: `/staff/customers/${customerId}/cancel`, fields: { confirm: 'yes' } },
    { name: 'change plan', path: `/staff/customers/${customerId}`, fields: { intent: 'change-plan', planId: otherPlan.id } },
    { name: 'start subscription', path: `/staff/customers/${pending.id}`, fields: { intent: 'subscribe', planId: plan.id } },
    { name: 'create API key', path: '/staff/api-keys', fields: { intent: 'create', name: 'Forged key' } },
    { name: 'revoke API key', path: '/staff/api-keys', fields: { intent: 'revoke', keyId: apiKey.apiKey.id } },
    { name: 'create rate', path: '/staff/rates/new', fields: { intent: 'save', name: 'Forged', currency: 'EUR', componentCount: '1', 'component-0-type': 'fixed', 'component-0-name': 'X', 'component-0-amount': '1' } },
    { name: 'edit rate', path: `/staff/rates/${rate.id}`, fields: { intent: 'save', name: 'Renamed', componentCount: '1', 'component-0-type': 'fixed', 'component-0-name': 'X', 'component-0-amount': '1' } },
    { name: 'assign rate', path: `/staff/customers/${customerId}`, fields: { intent: 'assign-rate', rateId: rate.id, from: '2030-01-01' } },
    { name: 'add meter', path: `/staff/customers/${customerId}`, fields: { intent: 'add-meter', key: 'voice', unit: 'min', kind: 'delta', base: '1000' } },
    { name: 'record reading', path: `/staff/meters/${meterId}`, fields: { readAt: '2026-03-01T09:00', value: '10', unit: '' } },
    { name: 'create item', path: '/staff/items', fields: { name: 'Forged item', kind: 'part', unitPrice: '100', currency: 'EUR', taxRate: '21' } },
    { name: 'edit item', path: `/staff/items/${itemId}`, fields: { name: 'Renamed', unitPrice: '1', taxRate: '0', revenueAccountCode: '4300' } },
    { name: 'create account', path: '/staff/accounts', fields: { code: '6100', name: 'Forged account', type: 'expense' } },
    { name: 'edit account', path: '/staff/accounts/4200', fields: { name: 'Renamed', type: 'income' } },
    {
      name: 'create quote',
      path: `/staff/customers/${pending.id}/quotes/new`,
      fields: { intent: 'send', rowCount: '5', 'line-0-itemId': itemId, 'line-0-quantity': '1' },
    },
    { name: 'send quote', path: `/staff/quotes/${quoteId}`, fields: { intent: 'send' } },
    { name: 'accept quote', path: `/staff/quotes/${quoteId}`, fields: { intent: 'accept' } },
    { name: 'decline quote', path: `/staff/quotes/${quoteId}`, fields: { intent: 'decline' } },
    {
      name: 'issue one-off invoice',
      path: `/staff/customers/${pending.id}/invoices/new`,
      fields: { rowCount: '5', 'line-0-itemId': itemId, 'line-0-quantity': '1' },
    },
    { name: 'credit invoice', path: `/staff/invoices/${oneOffInvoiceId}`, fields: { intent: 'credit', reason: 'Forged', scope: 'whole' } },
  ];
}

/** What any of the actions above would have changed. */
async function snapshot() {
  const { db } = harness.stack.ctx;
  const [planRows, customerRows, subscriptionRows, keyRows, rateRows, assignmentRows, meterRows, readingRows] = await Promise.all([
    db.select().from(plans).orderBy(plans.id),
    db.select().from(customers).orderBy(customers.id),
    db.select().from(subscriptions).orderBy(subscriptions.id),
    db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.apiKey.id)),
    db.select().from(rates).orderBy(rates.id),
    db.select().from(customerRates).orderBy(customerRates.id),
    db.select().from(meters).orderBy(meters.id),
    db.select().from(meterReadings).orderBy(meterReadings.id),
  ]);
  const [billedSignals, pendingSignals] = await Promise.all([
    signalsReceived(harness.stack.ctx, billed.customer.id),
    signalsReceived(harness.stack.ctx, pending.id),
  ]);
  return {
    plans: planRows,
    customers: customerRows,
    subscriptions: subscriptionRows,
    apiKeys: keyRows.map(({ lastUsedAt: _usedWhenever, ...key }) => key),
    rates: rateRows,
    customerRates: assignmentRows,
    meters: meterRows,
    readings: readingRows,
    accounts: await db.select().from(accounts).orderBy(accounts.code),
    items: await harness.stack.ctx.db.select().from(items).orderBy(items.id),
    quotes: await harness.stack.ctx.db.select().from(quotes).orderBy(quotes.id),
    invoices: await harness.stack.ctx.db.select().from(invoices).orderBy(invoices.id),
    creditNotes: await harness.stack.ctx.db.select().from(creditNotes).orderBy(creditNotes.id),
    billedSignals,
    pendingSignals,
  };
}

describe('without a session', () => {
  it('redirects every staff page to sign-in, coming back to it afterwards', async () => {
    const anonymous = new StaffBrowser(harness.url);
    for (const path of staffPages()) {
      const response = await anonymous.get(path);
      const location = new URL(response.headers.get('location') ?? '', harness.url);
      expect({ path, status: response.status, to: location.pathname, redirectTo: location.searchParams.get('redirectTo') }).toEqual({
        path,
        status: 302,
        to: '/staff/sign-in',
        redirectTo: path,
      });
    }
  });

  it('leaks no data through the data requests client-side navigation makes', async () => {
    const anonymous = new StaffBrowser(harness.url);
    for (const path of [`/staff/customers/${billed.customer.id}.data`, '/staff/customers.data', '/staff/emails.data', '/staff/api-keys.data']) {
      const body = await (await anonymous.get(path)).text();
      expect(body, path).not.toContain(billed.customer.email);
      expect(body, path).not.toContain(apiKey.apiKey.prefix);
      expect(body, path).toContain('/staff/sign-in');
    }
  });

  it('refuses every staff action, even with a valid CSRF token, and stores nothing', async () => {
    const before = await snapshot();
    const anonymous = new StaffBrowser(harness.url);
    await anonymous.get('/staff/sign-in'); // a CSRF cookie and token, but no session
    for (const action of [...staffActions(), { name: 'sign out', path: '/staff/sign-out', fields: {} }]) {
      const response = await anonymous.postForm(action.path, action.fields);
      expect({ action: action.name, status: response.status }).toEqual({ action: action.name, status: 302 });
      expect(response.headers.get('location'), action.name).toMatch(/^\/staff\/sign-in/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('signed in, without the CSRF token', () => {
  it('refuses every staff action with 403 and stores nothing', async () => {
    const browser = new StaffBrowser(harness.url);
    await browser.signIn(await harness.newStaff());
    await browser.get('/staff/customers');
    const before = await snapshot();
    for (const action of staffActions()) {
      const response = await browser.postForm(action.path, action.fields, { csrf: false });
      expect({ action: action.name, status: response.status }).toEqual({ action: action.name, status: 403 });
      expect(await response.text(), action.name).toContain('did not come from Uplink');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a body that is not a form at all with 403, not an error page, and stores nothing', async () => {
    const browser = new StaffBrowser(harness.url);
    await browser.signIn(await harness.newStaff());
    await browser.get('/staff/customers');
    const before = await snapshot();
    for (const action of staffActions()) {
      const response = await browser.postRaw(action.path, 'intent=create&name=Forged', 'text/plain');
      expect({ action: action.name, status: response.status }).toEqual({ action: action.name, status: 403 });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a wrong token as it refuses a missing one', async () => {
    const browser = new StaffBrowser(harness.url);
    await browser.signIn(await harness.newStaff());
    await browser.get('/staff/api-keys');
    const before = await snapshot();
    const forged = await browser.postForm('/staff/api-keys', { intent: 'create', name: 'Forged key', _csrf: 'forged-token' }, { csrf: false });
    expect(forged.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('does not sign out without the token', async () => {
    const browser = new StaffBrowser(harness.url);
    await browser.signIn(await harness.newStaff());
    await browser.get('/staff/customers');
    expect((await browser.postForm('/staff/sign-out', {}, { csrf: false })).status).toBe(403);
    expect((await browser.get('/staff/customers')).status).toBe(200);
  });
});
