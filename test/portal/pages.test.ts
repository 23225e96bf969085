// The staff pages against the real stack: what they show is what billing did (invoices, ledger,
// emails, the workflow's own status), the forms change what they say and refuse bad input
// without storing anything, and unknown records give a 404 page.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../billing/money.js';
import { apiKeys, customers, subscriptions } from '../../db/schema.js';
import { formatAmount } from '../../portal/ui/format.js';
import { queryAccountStatus } from '../../server/services/customers/account-status.js';
import { authenticateApiKey } from '../../server/services/access/api-keys.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createPlan, type Plan } from '../../server/services/subscriptions/plans.js';
import { customerWorkflowId } from '../../workflows/messages.js';
import { invoicesOf } from '../support/billing-records.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { BILLED_MONTHS, createBilledCustomer, twoMonthsAgo } from '../support/billed-customer.js';
import { links, textOfClass, visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;
let fibre: Plan;
let fibrePlus: Plan;
let dollars: Plan;
let billed: Awaited<ReturnType<typeof createBilledCustomer>>;

beforeAll(async () => {
  harness = await createPortalHarness();
  const ctx = harness.stack.ctx;
  fibre = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  fibrePlus = await createPlan(ctx, { name: 'Fibre 500', amount: 6900, currency: 'EUR', interval: 'month' });
  dollars = await createPlan(ctx, { name: 'Cable 50', amount: 3000, currency: 'USD', interval: 'month' });
  billed = await createBilledCustomer(ctx, fibre, { name: 'Grace Hopper', email: 'grace@example.net' });
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
});
afterAll(() => harness?.dispose());

async function page(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text();
}

const customerCount = async (email: string) =>
  (await harness.stack.ctx.db.select({ n: count() }).from(customers).where(eq(customers.email, email)))[0]!.n;

describe('customer pages', () => {
  it('lists customers with status, balance in their currency, plan and next bill date', async () => {
    const text = visibleText(await page('/staff/customers'));
    expect(text).toContain('Grace Hopper');
    expect(text).toContain('grace@example.net');
    expect(text).toContain('Fibre 100');
    // en-GB short months are three letters, except "Sept".
    expect(text).toMatch(/Grace Hopper grace@example\.net active Fibre 100 €98\.00 \d{1,2} [A-Z][a-z]{2,3} \d{4}/);
  });

  it('searches by name or email and filters by status', async () => {
    await createCustomer(harness.stack.ctx, { name: 'Searchable Pending', email: 'pending-one@example.org', currency: 'EUR' });
    const byEmail = visibleText(await page('/staff/customers?search=PENDING-ONE@example'));
    expect(byEmail).toContain('Searchable Pending');
    expect(byEmail).not.toContain('Grace Hopper');

    const pendingOnly = visibleText(await page('/staff/customers?status=pending'));
    expect(pendingOnly).toContain('Searchable Pending');
    expect(pendingOnly).not.toContain('Grace Hopper');

    const none = visibleText(await page('/staff/customers?search=nobody-by-this-name'));
    expect(none).toContain('No customers match');

    const bad = await browser.get('/staff/customers?status=sleeping');
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain('status');
  });

  it('pages through customers with "Next page", keeping the search', async () => {
    for (const n of [1, 2, 3]) {
      await createCustomer(harness.stack.ctx, { name: `Paged Customer ${n}`, email: `paged${n}@example.org`, currency: 'EUR' });
    }
    const first = await page('/staff/customers?search=Paged+Customer&limit=2');
    expect(visibleText(first)).toContain('Paged Customer 3');
    expect(visibleText(first)).toContain('Paged Customer 2');
    expect(visibleText(first)).not.toContain('Paged Customer 1');
    const [next] = links(first, /cursor=/);
    expect(next).toMatch(/search=Paged\+Customer/);

    const second = await page(next!);
    expect(visibleText(second)).toContain('Paged Customer 1');
    expect(visibleText(second)).not.toContain('Paged Customer 2');
    expect(links(second, /cursor=/)).toEqual([]);
  });

  it('shows a back-dated customer’s invoices, ledger, emails and live workflow status', async () => {
    const html = await page(`/staff/customers/${billed.customer.id}`);
    const text = visibleText(html);

    const invoiceLinks = links(html, /^\/staff\/invoices\//);
    for (const invoice of billed.invoices) {
      expect(invoiceLinks).toContain(`/staff/invoices/${invoice.id}`);
      expect(text).toContain(invoice.number);
    }
    // Oldest entry first: the balance after each invoice, ending at the sum of all of them.
    const balances = textOfClass(html, 'running-balance');
    expect(balances).toEqual(['€49.00', '€98.00']);
    const invoiced = formatAmount(money(billed.invoices.reduce((sum, invoice) => sum + invoice.totalMinor, 0n), 'EUR'));
    expect(balances.at(-1)).toBe(invoiced);
    expect(textOfClass(html, 'account-balance')).toEqual([invoiced]);

    const emailLinks = links(html, /^\/staff\/emails\//);
    expect(emailLinks.sort()).toEqual(billed.emails.map((email) => `/staff/emails/${email.id}`).sort());

    expect(text).toContain(`Started ${formatIso(billed.startDate)}`);

    // Right after its backlog the workflow continues as new: the live status and the run id the
    // link names settle a moment later.
    await eventually(async () => {
      const settled = await page(`/staff/customers/${billed.customer.id}`);
      expect(visibleText(settled)).toMatch(/Billing workflow Status active .* Balance €98\.00 Invoices issued 2/);
      const description = await harness.stack.ctx.temporal.workflow.getHandle(customerWorkflowId(billed.customer.id)).describe();
      expect(links(settled, /^http:\/\/127\.0\.0\.1:8233\//)).toEqual([
        `http://127.0.0.1:8233/namespaces/default/workflows/customer%2F${billed.customer.id}/${description.runId}/history`,
      ]);
    });
  });

  it('shows an invoice as the customer sees it', async () => {
    const invoice = billed.invoices[0]!;
    const html = await page(`/staff/invoices/${invoice.id}`);
    const documentText = visibleText(html.slice(html.indexOf('class="document"')));
    expect(documentText).toContain('Test ISP');
    expect(documentText).toContain('Grace Hopper');
    expect(documentText).toContain(invoice.number);
    expect(documentText).toMatch(/Description Quantity Unit price Amount .+ 1 €49\.00 €49\.00 Total €49\.00/);
  });

  it('answers unknown or malformed ids with the 404 page', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/staff/customers/${missing}`,
      '/staff/customers/not-a-customer-id',
      `/staff/customers/${missing}/cancel`,
      `/staff/invoices/${missing}`,
      '/staff/invoices/42',
      `/staff/emails/${missing}`,
      `/staff/emails/${missing}/html`,
    ]) {
      const response = await browser.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(visibleText(await response.text()), path).toMatch(/does not exist/);
    }
  });
});

describe('customer forms', () => {
  it('creates a back-dated customer whose first invoices appear on its page', async () => {
    await page('/staff/customers/new');
    const created = await browser.postForm('/staff/customers/new', {
      name: 'Katherine Johnson',
      email: 'katherine@example.net',
      currency: 'eur',
      planId: fibre.id,
      startDate: twoMonthsAgo(),
      billingDay: '',
    });
    expect(created.status).toBe(302);
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/staff\/customers\/[0-9a-f-]{36}$/);
    expect(visibleText(await page(location))).toContain('Customer “Katherine Johnson” created and subscribed');

    const customerId = location.split('/').at(-1)!;
    await eventually(async () => expect(await invoicesOf(harness.stack.ctx.db, customerId)).toHaveLength(BILLED_MONTHS));
    expect(new Set(links(await page(location), /^\/staff\/invoices\//)).size).toBe(BILLED_MONTHS);
  });

  it('shows the field error and stores nothing for bad input', async () => {
    const cases: { fields: Record<string, string>; error: string }[] = [
      { fields: { email: 'not-an-email' }, error: 'must be an email address' },
      { fields: { currency: 'EURO' }, error: 'must be a 3-letter ISO 4217 code' },
      { fields: { planId: dollars.id }, error: 'plan is priced in USD, the customer is billed in EUR' },
      { fields: { startDate: '2026-02-30' }, error: 'must be a calendar date as YYYY-MM-DD' },
      { fields: { billingDay: 'first' }, error: 'must be a whole number' },
    ];
    for (const { fields, error } of cases) {
      const valid = { name: 'Refused Customer', email: 'refused@example.net', currency: 'EUR', planId: fibre.id };
      const response = await browser.postForm('/staff/customers/new', { ...valid, ...fields });
      expect({ fields, status: response.status }).toEqual({ fields, status: 422 });
      expect(visibleText(await response.text()), JSON.stringify(fields)).toContain(error);
    }
    expect(await customerCount('refused@example.net')).toBe(0);
  });

  it('changes the plan to one in the customer’s currency, and refuses another currency', async () => {
    const { customer } = await createCustomer(harness.stack.ctx, {
      name: 'Plan Changer',
      email: 'changer@example.net',
      currency: 'EUR',
      planId: fibre.id,
    });
    const path = `/staff/customers/${customer.id}`;
    const html = await page(path);
    expect(html).toContain(`value="${fibrePlus.id}"`);
    expect(html).not.toContain(`value="${dollars.id}"`);

    const refused = await browser.postForm(path, { intent: 'change-plan', planId: dollars.id });
    expect(refused.status).toBe(422);
    expect(visibleText(await refused.text())).toContain('plan is priced in USD, the customer is billed in EUR');
    const unchosen = await browser.postForm(path, { intent: 'change-plan', planId: '' });
    expect(unchosen.status).toBe(422);
    expect(visibleText(await unchosen.text())).toContain('choose a plan');

    const changed = await browser.postForm(path, { intent: 'change-plan', planId: fibrePlus.id });
    expect(changed.status).toBe(302);
    await eventually(async () => {
      const status = await queryAccountStatus(harness.stack.ctx, customer.id);
      expect(status.available && status.status.pendingPlanChange?.planId).toBe(fibrePlus.id);
    });
    expect(visibleText(await page(path))).toMatch(/Plan change to Fibre 500 · €69\.00 per month from \d/);
  });

  it('starts a subscription for a pending customer', async () => {
    const { customer } = await createCustomer(harness.stack.ctx, { name: 'Later Subscriber', email: 'later@example.net', currency: 'EUR' });
    const path = `/staff/customers/${customer.id}`;
    expect(visibleText(await page(path))).toContain('Start subscription');

    const refused = await browser.postForm(path, { intent: 'subscribe', planId: dollars.id });
    expect(refused.status).toBe(422);
    expect(visibleText(await refused.text())).toContain('plan is priced in USD');
    expect((await harness.stack.ctx.db.select().from(subscriptions).where(eq(subscriptions.customerId, customer.id))).length).toBe(0);

    const started = await browser.postForm(path, { intent: 'subscribe', planId: fibre.id, startDate: twoMonthsAgo() });
    expect(started.status).toBe(302);
    await eventually(async () => expect(await invoicesOf(harness.stack.ctx.db, customer.id)).toHaveLength(BILLED_MONTHS));
    const text = visibleText(await page(path));
    expect(text).toContain('Subscription started');
    expect(text).toMatch(/Plan Fibre 100 \( ?€49\.00 per month ?\)/);
  });

  it('cancels after the confirm step, bills the final days and shows the account cancelled', async () => {
    const { customer } = await createBilledCustomer(harness.stack.ctx, fibre, { name: 'Cancelling Customer', email: 'leaving@example.net' });
    const path = `/staff/customers/${customer.id}`;
    expect(links(await page(path), /\/cancel$/)).toEqual([`${path}/cancel`]);
    expect(visibleText(await page(`${path}/cancel`))).toContain('I understand the final period is billed today');

    const unconfirmed = await browser.postForm(`${path}/cancel`, {});
    expect(unconfirmed.status).toBe(422);
    expect(visibleText(await unconfirmed.text())).toContain('Tick the box');

    const cancelled = await browser.postForm(`${path}/cancel`, { confirm: 'yes' });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get('location')).toBe(path);
    await eventually(async () => {
      const [row] = await harness.stack.ctx.db.select().from(customers).where(eq(customers.id, customer.id));
      expect(row?.status).toBe('cancelled');
    });
    const text = visibleText(await page(path));
    expect(text).toMatch(/Status cancelled on \d/);
    // The customer is marked cancelled a moment before the workflow finishes and stops answering.
    await eventually(async () => expect(visibleText(await page(path))).toContain('Live status unavailable: the workflow is completed'));
    expect(new Set(links(await page(path), /^\/staff\/invoices\//)).size).toBe(BILLED_MONTHS + 1);
  });
});

describe('email pages', () => {
  it('lists every recorded email newest first, filtered by status', async () => {
    const html = await page('/staff/emails');
    const text = visibleText(html);
    expect(text).toContain('grace@example.net');
    expect(text).toMatch(/invoice-issued grace@example\.net .+ outbox/);
    expect(text).toMatch(/(CET|CEST)/); // times in the configured zone, Europe/Berlin

    expect(visibleText(await page('/staff/emails?status=failed'))).toContain('No failed emails');
    expect(visibleText(await page('/staff/emails?status=outbox'))).toContain('grace@example.net');
  });

  it('shows an email’s headers, its HTML in a sandboxed frame under a strict CSP, and its text', async () => {
    const email = billed.emails[0]!;
    const html = await page(`/staff/emails/${email.id}`);
    const text = visibleText(html);
    expect(text).toContain(`To ${email.recipient}`);
    expect(text).toContain(`Subject ${email.subject}`);
    expect(text).toContain('Status outbox');
    expect(html).toMatch(new RegExp(`<iframe class="email-frame" sandbox="" src="/staff/emails/${email.id}/html"`));
    expect(text).toContain(visibleText(email.text).slice(0, 60));

    const part = await browser.get(`/staff/emails/${email.id}/html`);
    expect(part.status).toBe(200);
    expect(part.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:");
    expect(await part.text()).toBe(email.html);
  });
});

describe('API keys page', () => {
  it('shows a new token once, then revoking it makes the API refuse it', async () => {
    await page('/staff/api-keys');
    const created = await browser.postForm('/staff/api-keys', { intent: 'create', name: 'Billing export' });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const createdHtml = await created.text();
    const token = /upk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(createdHtml)?.[0];
    expect(token).toBeDefined();
    expect(visibleText(createdHtml)).toContain('it will not be shown again');
    expect(await authenticateApiKey(harness.stack.ctx, token!)).toMatchObject({ name: 'Billing export' });

    const listed = await page('/staff/api-keys');
    expect(listed).not.toContain(token);
    expect(visibleText(listed)).toMatch(/Billing export \w{12} .+ active/);

    const prefix = token!.split('_')[1]!;
    const keyId = /name="keyId" value="([^"]+)"/.exec(listed.slice(listed.indexOf(prefix)))?.[1];
    const revoked = await browser.postForm('/staff/api-keys', { intent: 'revoke', keyId: keyId! });
    expect(revoked.status).toBe(302);
    expect(visibleText(await page('/staff/api-keys'))).toContain(`API key “Billing export” (${prefix}) revoked`);
    expect(await authenticateApiKey(harness.stack.ctx, token!)).toBeNull();
  });

  it('refuses a key without a name and stores none', async () => {
    const keyCount = async () => (await harness.stack.ctx.db.select({ n: count() }).from(apiKeys))[0]!.n;
    const before = await keyCount();
    const refused = await browser.postForm('/staff/api-keys', { intent: 'create', name: '  ' });
    expect(refused.status).toBe(422);
    expect(visibleText(await refused.text())).toContain('is required');
    expect(await keyCount()).toBe(before);
  });
});

function formatIso(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year!, month! - 1, day!)),
  );
}
