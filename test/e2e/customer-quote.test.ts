// A customer's journey in real Chromium against the real stack (Postgres, a Temporal dev server,
// the worker, the built portal): ask for a sign-in link, take it from the outbox as the email
// would deliver it, confirm, accept a quote that staff sent, and find the invoice it became. A
// URL of someone else's invoice answers 404. A failing step leaves a full-page screenshot in
// test-results/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createItem } from '../../server/services/catalog/items.js';
import { decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { createQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { launchChromium, step } from '../support/chromium.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { newSignInLink } from '../portal/customer-sign-in-steps.js';

let harness: PortalHarness;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // Chromium first: without it there is nothing to test, and the message says how to install it.
  browser = await launchChromium();
  harness = await createPortalHarness();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await harness?.dispose();
});

describe('customer journey in Chromium', () => {
  it('signs in by magic link, accepts a quote and sees the new invoice; another customer\'s invoice is not found', { timeout: 180_000 }, async () => {
    const ctx = harness.stack.ctx;
    const item = await createItem(ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8500, currency: 'EUR', taxRate: '21' });
    const { customer } = await createCustomer(ctx, { name: 'Grace Hopper', email: 'grace@example.net', currency: 'EUR' });
    const { customer: other } = await createCustomer(ctx, { name: 'Edsger Dijkstra', email: 'edsger@example.net', currency: 'EUR' });
    const sentQuote = async (customerId: string) =>
      sendQuote(ctx, (await createQuote(ctx, { customerId, lines: [{ itemId: item.id, quantity: '2' }], validDays: 14 })).id);
    const quote = await sentQuote(customer.id);
    // The other customer's invoice: their own quote, accepted by staff.
    const othersQuote = await sentQuote(other.id);
    const othersInvoice = (await decideQuote(ctx, { quoteId: othersQuote.id, decision: 'accept', via: 'staff' })).invoice!;

    let current: Page = await context.newPage();
    const pageErrors: string[] = [];
    current.on('pageerror', (error) => pageErrors.push(error.message));
    current.on('console', (message) => {
      // The 404 page is an expected failed resource load; anything else the browser reports is a bug.
      if (message.type() === 'error' && !message.text().includes('404')) pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    const onPage = () => current;

    await step('ask for a sign-in link', onPage, async () => {
      await current.goto(`${harness.url}/`);
      await current.getByRole('link', { name: 'Customer sign-in' }).click();
      await current.waitForURL(`${harness.url}/sign-in`);
      await current.getByLabel('Email address').fill('Grace@Example.net');
      await current.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await current.getByText('If the address belongs to an account, we have sent a sign-in link').waitFor();
    });

    await step('open the link from the email and confirm', onPage, async () => {
      const link = await newSignInLink(ctx.db, customer.id, null);
      // A fresh tab, as when the link is clicked in a mail client.
      current = await context.newPage();
      await current.goto(`${harness.url}${link}`);
      await current.getByRole('heading', { name: 'Sign in to your account' }).waitFor();
      await current.getByRole('button', { name: 'Sign in' }).click();
      await current.waitForURL(`${harness.url}/account`);
      await current.getByRole('heading', { name: 'Hello, Grace Hopper' }).waitFor();
    });

    await step('open the quote and accept it', onPage, async () => {
      await current.getByRole('link', { name: quote.number }).click();
      await current.waitForURL(`${harness.url}/account/quotes/${quote.id}`);
      expect(await current.locator('.quote-total').innerText()).toBe('€205.70');
      await current.getByRole('button', { name: 'Accept quote' }).click();
      await current.getByText('You accepted this quote').waitFor();
    });

    let invoiceNumber = '';
    await step('follow the quote to its invoice', onPage, async () => {
      const invoiceLink = current.locator('.notice a');
      invoiceNumber = await invoiceLink.innerText();
      expect(invoiceNumber).toMatch(/^INV-\d{4}-\d+$/);
      await invoiceLink.click();
      await current.getByRole('heading', { name: `Invoice ${invoiceNumber}` }).waitFor();
      expect(await current.locator('.invoice-total').innerText()).toBe('€205.70');
      expect(await current.locator('.invoice-tax').innerText()).toBe('€35.70');
    });

    await step('find the invoice in the invoice list', onPage, async () => {
      await current.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Invoices', exact: true }).click();
      await current.waitForURL(`${harness.url}/account/invoices`);
      await current.getByRole('link', { name: invoiceNumber }).waitFor();
      expect(await current.locator('table').innerText()).not.toContain(othersInvoice.number);
    });

    await step("open another customer's invoice by its URL", onPage, async () => {
      const response = await current.goto(`${harness.url}/account/invoices/${othersInvoice.id}`);
      expect(response?.status()).toBe(404);
      await current.getByRole('heading', { name: 'Not found' }).waitFor();
      expect(await current.locator('body').innerText()).not.toContain('Dijkstra');
    });

    await step('sign out', onPage, async () => {
      await current.getByRole('link', { name: 'Back to your account' }).click();
      await current.getByRole('button', { name: 'Sign out' }).click();
      await current.waitForURL(`${harness.url}/sign-in`);
      await current.goto(`${harness.url}/account`);
      await current.waitForURL(`${harness.url}/sign-in`);
    });

    expect(pageErrors).toEqual([]);
  });
});
