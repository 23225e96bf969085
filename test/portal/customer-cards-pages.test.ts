// Cards and autopay on the staff customer page, over HTTP against the built portal: the cards on
// file (brand, last four, expiry, the default and the expired marked) and autopay turned on and off
// with the page's form, which refuses to turn it on without a card that can be charged and needs
// the CSRF token.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOPAY_CARD_EXPIRED, AUTOPAY_NO_CARD } from '../../billing/payments/autopay.js';
import { saveDefaultCard } from '../../db/records/cards.js';
import { customers } from '../../db/schema.js';
import { createCustomer, type Customer } from '../../server/services/customers/customers.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { textOfClass, visibleText } from './page-text.js';

let harness: PortalHarness;
let staff: StaffBrowser;
let customer: Customer;
let path: string;
const thisYear = new Date().getUTCFullYear();

beforeAll(async () => {
  harness = await createPortalHarness();
  customer = (await createCustomer(harness.stack.ctx, { name: 'Card Holder', email: 'cards@example.net', currency: 'EUR' })).customer;
  path = `/staff/customers/${customer.id}`;
  staff = new StaffBrowser(harness.url);
  await staff.signIn(await harness.newStaff());
});
afterAll(() => harness?.dispose());

const saveCard = (gatewayPaymentMethodId: string, card: { brand: string; last4: string; expMonth: number; expYear: number }) =>
  harness.stack.ctx.db.transaction((tx) => saveDefaultCard(tx, { customerId: customer.id, gateway: 'stripe', gatewayPaymentMethodId, ...card }));

async function page() {
  const response = await staff.get(path);
  expect(response.status).toBe(200);
  const html = await response.text();
  return { html, text: visibleText(html) };
}

async function storedAutopay(): Promise<boolean | undefined> {
  const [row] = await harness.stack.ctx.db.select({ autopay: customers.autopay }).from(customers).where(eq(customers.id, customer.id));
  return row?.autopay;
}

describe('cards and autopay on the staff customer page', () => {
  it('says no card is on file, and refuses to turn autopay on without one', async () => {
    const before = await page();
    expect(before.text).toContain('Cards and autopay No card on file.');
    expect(textOfClass(before.html, 'customer-autopay')).toEqual(['Autopay is off: the customer pays each invoice themselves.']);

    const refused = await staff.postForm(path, { intent: 'autopay', autopay: 'on' });
    expect(refused.status).toBe(409);
    expect(textOfClass(await refused.text(), 'field-error')).toEqual([AUTOPAY_NO_CARD]);
    expect(await storedAutopay()).toBe(false);
  });

  it('shows a saved card with its brand, last four and expiry, an expired default marked, and refuses autopay on it', async () => {
    await saveCard('pm_page_valid', { brand: 'visa', last4: '4242', expMonth: 3, expYear: thisYear + 2 });
    const saved = await page();
    expect(textOfClass(saved.html, 'card-on-file')).toEqual([expect.stringMatching(new RegExp(`^Visa ending 4242 03/${thisYear + 2} Default `))]);
    expect(saved.html).not.toContain('pm_page_valid');

    await saveCard('pm_page_expired', { brand: 'mastercard', last4: '5454', expMonth: 1, expYear: thisYear - 1 });
    const rows = textOfClass((await page()).html, 'card-on-file');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^Mastercard ending 5454 01/${thisYear - 1} Default Expired `));
    expect(rows[1]).toMatch(new RegExp(`^Visa ending 4242 03/${thisYear + 2} `));
    expect(rows[1]).not.toContain('Default');
    expect(rows[1]).not.toContain('Expired');

    const refused = await staff.postForm(path, { intent: 'autopay', autopay: 'on' });
    expect(refused.status).toBe(409);
    expect(textOfClass(await refused.text(), 'field-error')).toEqual([AUTOPAY_CARD_EXPIRED]);
    expect(await storedAutopay()).toBe(false);
  });

  it('turns autopay on and off with the form once the default card can be charged', async () => {
    await saveCard('pm_page_new', { brand: 'amex', last4: '0005', expMonth: 11, expYear: thisYear + 4 });

    const on = await staff.postForm(path, { intent: 'autopay', autopay: 'on' });
    expect(on.status).toBe(302);
    expect(on.headers.get('location')).toBe(path);
    expect(await storedAutopay()).toBe(true);
    const afterOn = await page();
    expect(afterOn.text).toContain('Autopay is on: each invoice is charged to the default card when it is issued.');
    expect(textOfClass(afterOn.html, 'customer-autopay')).toEqual(['Autopay is on: each invoice is charged to the default card when it is issued.']);
    expect(afterOn.text).toContain('Turn autopay off');

    const off = await staff.postForm(path, { intent: 'autopay', autopay: 'off' });
    expect(off.status).toBe(302);
    expect(await storedAutopay()).toBe(false);
    expect(textOfClass((await page()).html, 'customer-autopay')).toEqual(['Autopay is off: the customer pays each invoice themselves.']);
  });

  it('needs a signed-in staff member and the CSRF token to change autopay', async () => {
    expect((await staff.postForm(path, { intent: 'autopay', autopay: 'on' }, { csrf: false })).status).toBe(403);
    expect((await new StaffBrowser(harness.url).postForm(path, { intent: 'autopay', autopay: 'on' })).status).toBe(302);
    expect(await storedAutopay()).toBe(false);
  });
});
