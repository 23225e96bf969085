// The staff payment pages against the real stack (Temporal dev server, worker, Postgres, the built
// portal), as a browser without JavaScript uses them: a payment recorded from the customer's page
// (once, however often the form is sent), refusals shown under their fields with what was typed
// kept, the payment page with the invoices it paid, and the payments list with the ones waiting for
// review marked.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../billing/money.js';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { recordPayment } from '../../db/records/payments.js';
import { payments } from '../../db/schema.js';
import { createItem, type Item } from '../../server/services/catalog/items.js';
import { createCustomer, type Customer } from '../../server/services/customers/customers.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { links, textOfClass, visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;
let visit: Item;
let customersCreated = 0;

beforeAll(async () => {
  harness = await createPortalHarness();
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff('cashier@isp.test'));
  visit = await createItem(harness.stack.ctx, { name: 'Technician visit', kind: 'service', unitPrice: 10000, currency: 'EUR', taxRate: '0' });
});
afterAll(() => harness?.dispose());

const today = () => businessDateAt(Date.now(), harness.settings.timeZone);
const lastYear = (monthDay: string) => `${Number(today().slice(0, 4)) - 1}-${monthDay}`;

async function customerWithInvoices(): Promise<{ customer: Customer; invoices: { id: string; number: string }[] }> {
  const { customer } = await createCustomer(harness.stack.ctx, { name: 'Ada Lovelace', email: `payment-pages+${customersCreated++}@example.net`, currency: 'EUR' });
  const invoices = [];
  for (const issueDate of [lastYear('03-01'), lastYear('06-01')]) {
    invoices.push((await createOneOffInvoice(harness.stack.ctx, { customerId: customer.id, issueDate, lines: [{ itemId: visit.id, quantity: '1' }] })).invoice);
  }
  return { customer, invoices };
}

async function page(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text();
}

const paymentsOf = (customerId: string) => harness.stack.ctx.db.select().from(payments).where(eq(payments.customerId, customerId));
const hiddenToken = (html: string) => /name="requestToken" value="([^"]+)"/.exec(html)?.[1];

describe('recording a payment from the customer page', () => {
  it('records it once however often the form is sent, and shows it with the invoices it paid', async () => {
    const { customer, invoices } = await customerWithInvoices();
    const customerPage = await page(`/staff/customers/${customer.id}`);
    expect(links(customerPage, /\/payments\/new$/)).toEqual([`/staff/customers/${customer.id}/payments/new`]);
    expect(visibleText(customerPage)).toContain('No payments yet');
    expect(links(customerPage, /^\/staff\/payments$/)).toEqual(['/staff/payments']);

    const formPage = await page(`/staff/customers/${customer.id}/payments/new`);
    const form = visibleText(formPage);
    expect(form).toContain('Amount in EUR');
    expect(form).toContain(`${invoices[1]!.number} — €100.00 open`);
    expect(formPage).toContain(`value="${today()}"`);
    const token = hiddenToken(formPage);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);

    const fields = { requestToken: token!, amount: '150.00', method: 'cheque', receivedOn: lastYear('07-01'), reference: 'Cheque 31', invoiceId: invoices[1]!.id };
    const recorded = await browser.postForm(`/staff/customers/${customer.id}/payments/new`, fields);
    expect(recorded.status).toBe(302);
    const [payment] = await paymentsOf(customer.id);
    expect(payment).toMatchObject({ amountMinor: 15000n, method: 'cheque', reference: 'Cheque 31', recordedBy: 'staff:cashier@isp.test' });
    expect(recorded.headers.get('location')).toBe(`/staff/payments/${payment!.id}`);

    // The same form again (a double click, a reload) records nothing new and lands on the same payment.
    const again = await browser.postForm(`/staff/customers/${customer.id}/payments/new`, fields);
    expect(again.headers.get('location')).toBe(`/staff/payments/${payment!.id}`);
    expect(await paymentsOf(customer.id)).toHaveLength(1);

    const shown = await page(`/staff/payments/${payment!.id}`);
    const text = visibleText(shown);
    expect(text).toContain(`Payment ${payment!.number}`);
    expect(text).toMatch(new RegExp(`${invoices[1]!.number} .* Paid €100\\.00`));
    expect(text).toMatch(new RegExp(`${invoices[0]!.number} .* Paid €50\\.00`));
    expect(text).toMatch(/Paid on invoices €150\.00/);
    expect(text).not.toContain('Kept as credit');
    expect(text).toContain('by staff:cashier@isp.test');

    const after = visibleText(await page(`/staff/customers/${customer.id}`));
    expect(after).toMatch(new RegExp(`${payment!.number} .* Cheque Cheque 31 €150\\.00`));

    // A changed form under the same token is refused: the form already did its job.
    const changed = await browser.postForm(`/staff/customers/${customer.id}/payments/new`, { ...fields, amount: '5.00' });
    expect(changed.status).toBe(422);
    expect(visibleText(await changed.text())).toContain('This form already recorded a payment');
    expect(await paymentsOf(customer.id)).toHaveLength(1);
  });

  it('refuses bad fields under each field, keeps what was typed, and stores nothing; a form without its CSRF token is refused', async () => {
    const { customer } = await customerWithInvoices();
    const formPage = await page(`/staff/customers/${customer.id}/payments/new`);
    const fields = { requestToken: hiddenToken(formPage)!, amount: '12,50', method: 'cash', receivedOn: '2099-01-01', reference: 'Till 4', invoiceId: '' };

    const refused = await browser.postForm(`/staff/customers/${customer.id}/payments/new`, fields);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(textOfClass(html, 'field-error')).toEqual(['must be an amount written as a plain decimal such as "49.90", without a currency sign or separators']);
    expect(html).toContain('value="12,50"');
    expect(html).toContain('value="Till 4"');

    const late = await browser.postForm(`/staff/customers/${customer.id}/payments/new`, { ...fields, amount: '12.50' });
    expect(late.status).toBe(422);
    expect(textOfClass(await late.text(), 'field-error')).toEqual([expect.stringMatching(/^must be between \d{4}-01-01 and today \(\d{4}-\d{2}-\d{2}\)$/)]);

    const forged = await browser.postForm(`/staff/customers/${customer.id}/payments/new`, { ...fields, amount: '12.50', receivedOn: today() }, { csrf: false });
    expect(forged.status).toBe(403);
    expect(await paymentsOf(customer.id)).toHaveLength(0);
    expect((await browser.get('/staff/customers/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30/payments/new')).status).toBe(404);
  });
});

describe('the payments list', () => {
  it('lists payments newest first with the ones waiting for review marked, and filters them', async () => {
    const { customer } = await customerWithInvoices();
    const formPage = await page(`/staff/customers/${customer.id}/payments/new`);
    await browser.postForm(`/staff/customers/${customer.id}/payments/new`, {
      requestToken: hiddenToken(formPage)!,
      amount: '20.00',
      method: 'bank_transfer',
      receivedOn: lastYear('08-01'),
      reference: 'SEPA 88',
      invoiceId: '',
    });
    const unexpected = await harness.stack.ctx.db.transaction((tx) =>
      recordPayment(tx, {
        sourceKey: `bank:review-${customer.id}`,
        customerId: customer.id,
        method: 'bank_transfer',
        amount: money(99999n, 'EUR'),
        receivedOn: lastYear('08-02'),
        reference: 'SEPA 89',
        needsReview: 'More than the customer owes',
        recordedBy: 'bank import',
      }),
    );

    const listed = await page(`/staff/payments?customerId=${customer.id}`);
    const text = visibleText(listed);
    expect(text).toMatch(new RegExp(`${unexpected.number} .* Ada Lovelace Bank transfer SEPA 89 €999\\.99 needs review .* SEPA 88 €20\\.00`));
    expect(textOfClass(listed, 'badge-pending')).toEqual(['needs review']);

    const toReview = visibleText(await page(`/staff/payments?customerId=${customer.id}&needsReview=true`));
    expect(toReview).toContain('SEPA 89');
    expect(toReview).not.toContain('SEPA 88');
    const shown = visibleText(await page(`/staff/payments/${unexpected.paymentId}`));
    expect(shown).toContain('More than the customer owes. It is booked but pays no invoice until it is reviewed.');
    expect((await browser.get('/staff/payments?method=barter')).status).toBe(400);
    expect((await browser.get('/staff/payments/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30')).status).toBe(404);
    expect((await harness.stack.ctx.db.select({ n: count() }).from(payments).where(eq(payments.customerId, customer.id)))[0]?.n).toBe(2);
  });
});
