// Every customer page on a phone (375 px wide) and on a desktop (1280 px) in real Chromium against
// the real stack, with the data that strains a layout: a long name and email address, a one-off
// invoice whose lines have long descriptions (one an unbroken part number, one an address), a
// plan invoice, an open quote and a statement. On each page nothing may stick out sideways: the
// page does not scroll sideways, and no element reaches past the window's edge unless it sits in
// a container that scrolls sideways on its own. The page's main content must be shown, and on a
// phone each value in a table carries its column's name. A failing step leaves a full-page
// screenshot in test-results/screenshots/.
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem } from '../../server/services/catalog/items.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { createQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { launchChromium, step } from '../support/chromium.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { newSignInLink } from '../portal/customer-sign-in-steps.js';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

const LONG_NAME = 'Maximiliane Konstanze Friederike von Hohenzollern-Sigmaringen';
const LONG_EMAIL = 'maximiliane.konstanze.von.hohenzollern-sigmaringen@accounts-payable.hohenzollern-fibre-cooperative.example';
const LINE_DESCRIPTIONS = [
  'On-site technician visit to replace the optical network terminal in the basement technical room, including travel and disposal of the old equipment',
  'SFP+ transceiver SFP-10G-LR-SMF-1310NM-10KM-DDM-COMPATIBLE-WITH-CISCO-JUNIPER-ARISTA-REV-B2',
  'Static routes set up as documented at https://portal.hohenzollern-fibre-cooperative.example/network/vlan-configuration/static-routes',
];

let harness: PortalHarness;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // Chromium first: without it there is nothing to test, and the message says how to install it.
  browser = await launchChromium();
  harness = await createPortalHarness();
  context = await browser.newContext({ viewport: PHONE });
});
afterAll(async () => {
  await browser?.close();
  await harness?.dispose();
});

/**
 * What sticks out sideways on the page as laid out now: the page's own width if it is wider than
 * the window, and each element whose box reaches past the window's left or right edge, unless an
 * ancestor scrolls sideways on its own (overflow-x auto or scroll). Clipping does not hide an
 * element from this: a cell cut off by its table's `overflow: hidden` is still reported.
 */
function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > width) found.push(`the page is ${pageWidth}px wide`);
    const scrollsOnItsOwn = (element: Element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right <= width + 0.5 && box.left >= -0.5) continue;
      let ancestor = element.parentElement;
      while (ancestor && ancestor !== document.body && !scrollsOnItsOwn(ancestor)) ancestor = ancestor.parentElement;
      if (ancestor && ancestor !== document.body) continue;
      const name = `${element.tagName.toLowerCase()}${[...element.classList].map((name) => `.${name}`).join('')}`;
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      found.push(`${name} "${text}" spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
    }
    return found.slice(0, 5);
  });
}

/** Table cells whose column name is not shown beside their value (on a phone the header row is hidden). */
function unlabelledCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main td[data-label]')]
      .filter((cell) => getComputedStyle(cell, '::before').content !== JSON.stringify(cell.getAttribute('data-label')))
      .map((cell) => `${cell.getAttribute('data-label')}: ${(cell.textContent ?? '').trim().slice(0, 40)}`),
  );
}

/**
 * Lays the page out at phone and desktop width in turn: nothing sticks out sideways, and every
 * locator in `shown` is visible. On a phone, table values carry their column's name.
 */
async function checkPage(name: string, page: Page, shown: Locator[]): Promise<void> {
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    const where = `${name} at ${viewport.width}px`;
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(innerWidth);
    expect(await sidewaysOverflow(page), `${where}: elements reach past the window`).toEqual([]);
    for (const locator of shown) expect(await locator.isVisible(), `${where}: ${locator} is not shown`).toBe(true);
    if (viewport === PHONE) expect(await unlabelledCells(page), `${where}: table values without their column's name`).toEqual([]);
  }
  await page.setViewportSize(PHONE);
}

describe('customer pages on a phone and on a desktop', () => {
  it('lay out every customer page without sideways overflow at 375 px and 1280 px', { timeout: 240_000 }, async () => {
    const ctx = harness.stack.ctx;
    const plan = await createPlan(ctx, {
      name: 'Fibre 1000 Business Unlimited with a static IPv4 address and an IPv6 /56 prefix',
      amount: 8900,
      currency: 'EUR',
      interval: 'month',
    });
    const { customer, invoices: planInvoices } = await createBilledCustomer(ctx, plan, { name: LONG_NAME, email: LONG_EMAIL });
    const visit = await createItem(ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8500, currency: 'EUR', taxRate: '21' });
    const part = await createItem(ctx, { name: 'SFP+ transceiver', kind: 'part', unitPrice: 3490, currency: 'EUR', taxRate: '21' });
    const { invoice } = await createOneOffInvoice(ctx, {
      customerId: customer.id,
      lines: [
        { itemId: visit.id, quantity: '2', description: LINE_DESCRIPTIONS[0] },
        { itemId: part.id, quantity: '3', description: LINE_DESCRIPTIONS[1] },
        { itemId: visit.id, quantity: '1.5', description: LINE_DESCRIPTIONS[2] },
      ],
    });
    const quote = await sendQuote(
      ctx,
      (
        await createQuote(ctx, {
          customerId: customer.id,
          lines: [
            { itemId: part.id, quantity: '12', description: LINE_DESCRIPTIONS[1] },
            { itemId: visit.id, quantity: '1', description: LINE_DESCRIPTIONS[0] },
          ],
          validDays: 30,
          note: 'Replacement of every transceiver in the rack, as discussed with facility-management@hohenzollern-fibre-cooperative.example',
        })
      ).id,
    );

    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The missing invoice's 404 is an expected failed resource load; anything else the browser reports is a bug.
      if (message.type() === 'error' && !message.text().includes('404')) pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    const onPage = () => page;
    const heading = (name: string) => page.getByRole('heading', { name, exact: true });
    const url = (path: string) => `${harness.url}${path}`;

    await step('front door', onPage, async () => {
      await page.goto(url('/'));
      await checkPage('front door', page, [heading('Test ISP'), page.getByRole('link', { name: 'Customer sign-in' })]);
    });

    await step('sign-in link that cannot be used', onPage, async () => {
      await page.goto(url('/sign-in/confirm'));
      await checkPage('unusable sign-in link', page, [heading('This sign-in link cannot be used'), page.getByRole('link', { name: 'Email me a new link' })]);
    });

    await step('ask for a sign-in link', onPage, async () => {
      await page.goto(url('/sign-in'));
      await checkPage('sign-in', page, [heading('Customer sign-in'), page.getByLabel('Email address'), page.getByRole('button', { name: 'Email me a sign-in link' })]);
      await page.getByLabel('Email address').fill(LONG_EMAIL);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await heading('Check your email').waitFor();
      await checkPage('sign-in link sent', page, [page.getByText('If the address belongs to an account, we have sent a sign-in link')]);
    });

    await step('open the link and sign in', onPage, async () => {
      await page.goto(url(await newSignInLink(ctx.db, customer.id, null)));
      await checkPage('sign-in confirmation', page, [heading('Sign in to your account'), page.getByRole('button', { name: 'Sign in' })]);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(url('/account'));
    });

    // The frame every signed-in page has: the company, the sections, who is signed in, sign-out.
    const sections = page.getByRole('navigation', { name: 'Sections' });
    const frame = [
      page.getByRole('link', { name: /Test ISP/ }),
      ...['Overview', 'Invoices', 'Quotes', 'Statement'].map((section) => sections.getByRole('link', { name: section, exact: true })),
    ];
    const signedIn = [page.getByRole('banner').getByText(LONG_NAME), page.getByRole('button', { name: 'Sign out' })];
    const link = (name: string) => page.getByRole('link', { name, exact: true });
    const customerPages: { name: string; path: string; shown: Locator[] }[] = [
      {
        name: 'overview',
        path: '/account',
        shown: [...signedIn, heading(`Hello, ${LONG_NAME}`), page.locator('.account-balance'), link(quote.number), link(invoice.number)],
      },
      {
        name: 'invoice list',
        path: '/account/invoices',
        shown: [...signedIn, heading('Invoices'), link(invoice.number), ...planInvoices.map((planInvoice) => link(planInvoice.number))],
      },
      {
        name: 'one-off invoice',
        path: `/account/invoices/${invoice.id}`,
        shown: [
          ...signedIn,
          heading(`Invoice ${invoice.number}`),
          page.getByRole('link', { name: 'Download PDF' }),
          page.getByText(LONG_EMAIL),
          ...LINE_DESCRIPTIONS.map((description) => page.getByRole('cell', { name: description })),
          page.locator('.invoice-total'),
        ],
      },
      {
        name: 'plan invoice',
        path: `/account/invoices/${planInvoices[0]!.id}`,
        shown: [...signedIn, heading(`Invoice ${planInvoices[0]!.number}`), page.getByRole('cell', { name: plan.name }), page.locator('.invoice-total')],
      },
      {
        name: 'quote list',
        path: '/account/quotes',
        shown: [...signedIn, heading('Quotes'), link(quote.number)],
      },
      {
        name: 'quote',
        path: `/account/quotes/${quote.id}`,
        shown: [
          ...signedIn,
          heading(`Quote ${quote.number}`),
          page.getByRole('cell', { name: LINE_DESCRIPTIONS[1] }),
          page.locator('.quote-total'),
          page.getByRole('button', { name: 'Accept quote' }),
          page.getByRole('button', { name: 'Decline' }),
        ],
      },
      {
        name: 'statement',
        path: '/account/statement',
        shown: [...signedIn, heading('Statement'), page.getByLabel('From'), page.getByRole('button', { name: 'Show' }), page.locator('.closing-balance'), page.locator('.running-balance').last()],
      },
      {
        // An error page keeps the frame but, drawn without the page's data, not who is signed in.
        name: 'missing invoice',
        path: `/account/invoices/${randomUUID()}`,
        shown: [heading('Not found'), page.getByRole('link', { name: 'Back to your account' })],
      },
    ];
    for (const customerPage of customerPages) {
      await step(customerPage.name, onPage, async () => {
        await page.goto(url(customerPage.path));
        await checkPage(customerPage.name, page, [...frame, ...customerPage.shown]);
      });
    }

    expect(pageErrors).toEqual([]);
  });
});
