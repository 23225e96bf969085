// Due dates and payment terms on the pages, over HTTP against the built portal: staff set the
// company default on the settings page and a customer's own terms on the customer's page, and
// staff and the customer see each invoice's due date, terms, payment status and days overdue,
// counted from today in the company's time zone.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../billing/calendar.js';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { billingSettings, customers, invoices } from '../../db/schema.js';
import { formatDisplayDate } from '../../emails/format-date.js';
import { createItem } from '../../server/services/catalog/items.js';
import { createCreditNote } from '../../server/services/credit-notes/credit-notes.js';
import { createCustomer, type Customer } from '../../server/services/customers/customers.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { formatDate } from '../../portal/ui/format.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { signInAsCustomer } from './customer-sign-in-steps.js';
import { links, textOfClass, visibleText } from './page-text.js';

let harness: PortalHarness;
let staff: StaffBrowser;
let billed: Awaited<ReturnType<typeof createBilledCustomer>>;
let pending: Customer;
/** Issued today on the default terms: open and not yet due. */
let fresh: typeof invoices.$inferSelect;

beforeAll(async () => {
  harness = await createPortalHarness();
  const ctx = harness.stack.ctx;
  const plan = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  // Two monthly invoices on Net 14: the older, issued a month or more ago, is overdue by now; the
  // newer was issued at most a month ago.
  billed = await createBilledCustomer(ctx, plan, { name: 'Grace Hopper', email: 'grace@example.net' });
  pending = (await createCustomer(ctx, { name: 'Alan Turing', email: 'alan@example.net', currency: 'EUR' })).customer;
  const itemId = (await createItem(ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8500, currency: 'EUR', taxRate: '21' })).id;
  const { invoice } = await createOneOffInvoice(ctx, { customerId: billed.customer.id, lines: [{ itemId, quantity: '1' }] });
  fresh = (await ctx.db.select().from(invoices).where(eq(invoices.id, invoice.id)))[0]!;
  // Part of the newer monthly invoice credited: partially paid, the rest still open.
  await createCreditNote(ctx, billed.invoices[1]!.id, { reason: 'Outage', lines: [{ position: 0, amountMinor: 900 }] });
  staff = new StaffBrowser(harness.url);
  await staff.signIn(await harness.newStaff());
});
afterAll(() => harness?.dispose());

async function page(browser: StaffBrowser, path: string) {
  const response = await browser.get(path);
  const html = await response.text();
  return { status: response.status, html, text: visibleText(html) };
}

/** Loads a page and the company's today on either side of it (a test may run across midnight). */
async function pageWithToday(browser: StaffBrowser, path: string) {
  const zone = harness.settings.timeZone;
  const before = businessDateAt(Date.now(), zone);
  const loaded = await page(browser, path);
  return { ...loaded, todays: [before, businessDateAt(Date.now(), zone)] };
}

/** The visible text of the table row that mentions `needle`. */
function rowWith(html: string, needle: string): string {
  const row = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((match) => visibleText(match[1]!)).find((text) => text.includes(needle));
  if (!row) throw new Error(`no row mentions ${needle}`);
  return row;
}

function overdueWords(dueDate: string, todays: string[]): string[] {
  return todays.map((today) => `Overdue by ${daysBetween(dueDate, today)} days`);
}

async function storedDefault(): Promise<number | undefined> {
  const [row] = await harness.stack.ctx.db.select().from(billingSettings);
  return row?.defaultPaymentTermsDays;
}

async function storedTerms(customerId: string): Promise<number | null | undefined> {
  const [row] = await harness.stack.ctx.db.select({ days: customers.paymentTermsDays }).from(customers).where(eq(customers.id, customerId));
  return row?.days;
}

describe('the settings page', () => {
  it('is in the staff navigation and sets the company default payment terms', async () => {
    expect(links((await page(staff, '/staff/customers')).html, /^\/staff\/settings$/)).toHaveLength(1);
    const before = await page(staff, '/staff/settings');
    expect(before.status).toBe(200);
    expect(textOfClass(before.html, 'default-terms')).toEqual(['Net 14']);

    const saved = await staff.postForm('/staff/settings', { defaultPaymentTermsDays: '30' });
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe('/staff/settings');
    const after = await page(staff, '/staff/settings');
    expect(after.text).toContain('Default payment terms saved: Net 30 for invoices issued from now on.');
    expect(textOfClass(after.html, 'default-terms')).toEqual(['Net 30']);
    expect(await storedDefault()).toBe(30);

    await staff.postForm('/staff/settings', { defaultPaymentTermsDays: '0' });
    expect(textOfClass((await page(staff, '/staff/settings')).html, 'default-terms')).toEqual(['Due on receipt']);
    await staff.postForm('/staff/settings', { defaultPaymentTermsDays: '14' });
    expect(await storedDefault()).toBe(14);
  });

  it('refuses terms outside 0..365 days next to the field, and changes nothing', async () => {
    for (const [value, message] of [
      ['-1', 'must be between 0 (due on receipt) and 365 days'],
      ['366', 'must be between 0 (due on receipt) and 365 days'],
      ['two weeks', 'must be a whole number of days'],
      ['', 'must be a whole number of days'],
    ]) {
      const refused = await staff.postForm('/staff/settings', { defaultPaymentTermsDays: value! });
      expect(refused.status, value).toBe(422);
      expect(textOfClass(await refused.text(), 'field-error'), value).toEqual([message]);
    }
    expect(await storedDefault()).toBe(14);
  });

  it('is for signed-in staff only, and its form needs the CSRF token', async () => {
    const anonymous = await new StaffBrowser(harness.url).get('/staff/settings');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/staff/sign-in?redirectTo=%2Fstaff%2Fsettings');
    expect((await new StaffBrowser(harness.url).postForm('/staff/settings', { defaultPaymentTermsDays: '1' })).status).toBe(302);
    expect((await staff.postForm('/staff/settings', { defaultPaymentTermsDays: '1' }, { csrf: false })).status).toBe(403);
    expect(await storedDefault()).toBe(14);
  });
});

describe("a customer's payment terms on their page", () => {
  it('shows the company default until staff give them their own, and back', async () => {
    const path = `/staff/customers/${pending.id}`;
    expect(textOfClass((await page(staff, path)).html, 'customer-terms')).toEqual(['Net 14 (company default)']);

    const saved = await staff.postForm(path, { intent: 'payment-terms', paymentTermsDays: '0' });
    expect(saved.status).toBe(302);
    const own = await page(staff, path);
    expect(own.text).toContain('Payment terms saved: Due on receipt for invoices issued from now on.');
    expect(textOfClass(own.html, 'customer-terms')).toEqual(['Due on receipt']);
    expect(await storedTerms(pending.id)).toBe(0);

    const refused = await staff.postForm(path, { intent: 'payment-terms', paymentTermsDays: '400' });
    expect(refused.status).toBe(422);
    expect(textOfClass(await refused.text(), 'field-error')).toEqual(['must be between 0 (due on receipt) and 365 days']);
    expect(await storedTerms(pending.id)).toBe(0);

    await staff.postForm(path, { intent: 'payment-terms', paymentTermsDays: '' });
    expect(await storedTerms(pending.id)).toBeNull();
    expect(textOfClass((await page(staff, path)).html, 'customer-terms')).toEqual(['Net 14 (company default)']);
  });
});

describe('due dates and payment status', () => {
  it('staff see each invoice due date, terms, payment status and days overdue, on its page and in the customer’s list', async () => {
    const [older, newer] = billed.invoices;
    for (const invoice of [older!, newer!]) expect(invoice.dueDate).toBe(addDays(invoice.issueDate, 14));

    const view = await pageWithToday(staff, `/staff/invoices/${older!.id}`);
    expect(textOfClass(view.html, 'invoice-due')).toEqual([`${formatDate(older!.dueDate)} (Net 14)`]);
    expect(textOfClass(view.html, 'invoice-open')).toEqual(['€49.00']);
    expect(view.text).toContain('Payment Open Overdue by');
    expect(overdueWords(older!.dueDate, view.todays).some((words) => view.text.includes(words))).toBe(true);

    const credited = await page(staff, `/staff/invoices/${newer!.id}`);
    expect(credited.text).toContain('Partially paid');
    expect(textOfClass(credited.html, 'invoice-open')).toEqual(['€40.00']);

    const list = await pageWithToday(staff, `/staff/customers/${billed.customer.id}`);
    const olderRow = rowWith(list.html, older!.number);
    expect(olderRow).toContain(`${formatDate(older!.dueDate)} (Net 14)`);
    expect(overdueWords(older!.dueDate, list.todays).some((words) => olderRow.includes(words))).toBe(true);
    expect(rowWith(list.html, newer!.number)).toContain('Partially paid');
    const freshRow = rowWith(list.html, fresh.number);
    expect(freshRow).toContain(`${formatDate(fresh.dueDate)} (Net 14)`);
    expect(freshRow).toContain('Open');
    expect(freshRow).not.toContain('Overdue');
  });

  it('the customer sees them on their invoices and on each invoice page', async () => {
    const customer = new StaffBrowser(harness.url);
    await signInAsCustomer(customer, harness.stack.ctx.db, billed.customer);
    const [older, newer] = billed.invoices;

    const list = await pageWithToday(customer, '/account/invoices');
    expect(list.status).toBe(200);
    const olderRow = rowWith(list.html, older!.number);
    expect(olderRow).toContain(formatDate(older!.dueDate));
    expect(olderRow).toContain('Open');
    expect(overdueWords(older!.dueDate, list.todays).some((words) => olderRow.includes(words))).toBe(true);
    expect(rowWith(list.html, newer!.number)).toContain('Partially paid');
    const freshRow = rowWith(list.html, fresh.number);
    expect(freshRow).toContain(formatDate(fresh.dueDate));
    expect(freshRow).not.toContain('Overdue');

    const overdue = await pageWithToday(customer, `/account/invoices/${older!.id}`);
    expect(overdue.status).toBe(200);
    expect(textOfClass(overdue.html, 'invoice-due')).toEqual([`${formatDate(older!.dueDate)} (Net 14)`]);
    expect(overdue.text).toContain('Payment Open Overdue by');
    expect(overdueWords(older!.dueDate, overdue.todays).some((words) => overdue.text.includes(words))).toBe(true);

    const partly = await page(customer, `/account/invoices/${newer!.id}`);
    expect(partly.text).toContain('Partially paid');
    expect(textOfClass(partly.html, 'invoice-open')).toEqual(['€40.00']);

    const notYetDue = await page(customer, `/account/invoices/${fresh.id}`);
    expect(textOfClass(notYetDue.html, 'invoice-due')).toEqual([`${formatDate(fresh.dueDate)} (Net 14)`]);
    expect(notYetDue.text).toContain('Payment Open');
    expect(notYetDue.text).not.toContain('Overdue');
  });

  it('the invoice emails say when each invoice is due, on what terms, and where it stood when sent', async () => {
    const sent = (invoiceId: string) => billed.emails.find((message) => message.entityId === invoiceId && message.kind === 'invoice-issued')?.text ?? '';
    const [older, newer] = billed.invoices;
    for (const invoice of [older!, newer!]) expect(sent(invoice.id)).toContain(`Due date:       ${formatDisplayDate(invoice.dueDate)} (Net 14)`);
    // The older period was billed late: past its due date by the time it was sent.
    expect(sent(older!.id)).toMatch(/\nPayment status: Open, overdue by \d+ days\n/);
    expect(sent(newer!.id)).toMatch(/\nPayment status: Open(, overdue by \d+ days?)?\n/);
  });
});
