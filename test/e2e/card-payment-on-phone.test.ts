// A customer pays by card on a 375 px phone in real Chromium, against the real
// stack and the local Stripe stand-in: signs in by magic link, adds card 4242 4242 4242 4242 on the
// stand-in's hosted page, pays an open invoice, sees it paid and downloads the receipt; then, with
// card 4000 0000 0000 0002, a payment is declined and the page says so in plain words. No page
// scrolls sideways. Afterwards the full card numbers are nowhere in the database (every text column
// of every table) nor in any email. A failing step leaves a screenshot in test-results/screenshots/.
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages } from '../../db/schema.js';
import { startGatewayStandIn, type GatewayStandIn } from '../../payments/stand-in/index.js';
import { createStripeGateway } from '../../payments/stripe-gateway.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { launchChromium, step } from '../support/chromium.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { newSignInLink } from '../portal/customer-sign-in-steps.js';

const PHONE = { width: 375, height: 812 };
const GOOD_CARD = '4242424242424242';
const DECLINED_CARD = '4000000000000002';
const EXPIRY = `12/${String(new Date().getUTCFullYear() + 2).slice(2)}`;

let standIn: GatewayStandIn;
let harness: PortalHarness;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  standIn = await startGatewayStandIn();
  const gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
  harness = await createPortalHarness({}, { gateway, portalUrlFromServer: true });
  standIn.setWebhookUrl(`${harness.url}/webhooks/stripe`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await harness?.dispose();
  await standIn?.close();
});

async function fitsThePhone(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${where} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
}

/** Every value of every text-like column of every table, for looking for what must never be stored. */
async function everyStoredText(): Promise<string> {
  const db = harness.stack.ctx.db;
  const columns = (await db.execute(
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')`,
  )) as unknown as { table_name: string; column_name: string }[];
  expect(columns.length).toBeGreaterThan(20);
  const parts: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = (await db.execute(
      sql`select string_agg(${sql.identifier(column_name)}::text, ' ') as value from ${sql.identifier(table_name)}`,
    )) as unknown as { value: string | null }[];
    parts.push(rows[0]?.value ?? '');
  }
  return parts.join('\n');
}

/** Saves a card on the stand-in's hosted page, starting from the portal's card page. */
async function saveCard(page: Page, number: string): Promise<void> {
  await page.goto(`${harness.url}/account/card`);
  await page.getByRole('button', { name: /Add a card|Replace card/ }).click();
  await page.waitForURL((url) => url.origin === standIn.url);
  await fitsThePhone(page, 'the hosted card page');
  await page.getByLabel('Card number').fill(number.replace(/(\d{4})(?=\d)/g, '$1 '));
  await page.getByLabel('Expiry (MM/YY)').fill(EXPIRY);
  await page.getByLabel('CVC').fill('123');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.waitForURL((url) => url.origin === harness.url && url.pathname === '/account/card/saved');
  await expect.poll(() => page.locator('main').innerText()).toContain(`Visa ending ${number.slice(-4)} is saved`);
}

describe('paying by card on a phone', () => {
  it('adds a card on the gateway’s page, pays an invoice, downloads the receipt, and reads a decline in plain words', { timeout: 240_000 }, async () => {
    const plan = await createPlan(harness.stack.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
    const { customer, invoices } = await createBilledCustomer(harness.stack.ctx, plan, { name: 'Grace Hopper', email: 'grace@example.net' });
    const [first, second] = [...invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate));

    const context = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
    const page = await context.newPage();
    const current = () => page;
    try {
      await step('sign in', current, async () => {
        await page.goto(`${harness.url}/sign-in`);
        await expect.poll(() => page.locator('body').innerText()).toContain('Payments are in test mode: no real money moves. Use card 4242 4242 4242 4242.');
        await page.getByLabel('Email address').fill(customer.email);
        await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
        await page.getByText('If the address belongs to an account, we have sent a sign-in link').waitFor();
        const link = await newSignInLink(harness.stack.ctx.db, customer.id, null);
        await page.goto(`${harness.url}${link}`);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${harness.url}/account`);
      });

      await step('add card 4242', current, () => saveCard(page, GOOD_CARD));

      await step('pay the oldest invoice', current, async () => {
        await page.goto(`${harness.url}/account/pay`);
        await fitsThePhone(page, '/account/pay');
        await page.getByRole('button', { name: `Pay ${first!.number}` }).click();
        await page.waitForURL(/\/account\/pay\/result\//);
        await fitsThePhone(page, 'the result page');
        const main = await page.locator('main').innerText();
        expect(main).toContain('Payment received');
        expect(main).toContain(`invoice ${first!.number} is paid`);
      });

      await step('download the receipt', current, async () => {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download receipt' }).click()]);
        expect(download.suggestedFilename()).toMatch(/^PAY-\d{4}-\d+\.pdf$/);
        const pdf = await readFile((await download.path())!);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      });

      await step('see the invoice paid', current, async () => {
        await page.goto(`${harness.url}/account/invoices/${first!.id}`);
        const main = await page.locator('main').innerText();
        expect(main).toMatch(/Paid/);
        expect(main).not.toContain('Pay now');
        await page.goto(`${harness.url}/account/payments`);
        await fitsThePhone(page, '/account/payments');
        expect(await page.locator('main').innerText()).toContain('Visa ending 4242');
      });

      await step('a declined card says why', current, async () => {
        await saveCard(page, DECLINED_CARD);
        await page.goto(`${harness.url}/account/invoices/${second!.id}`);
        await page.getByRole('button', { name: 'Pay now' }).click();
        await page.waitForURL(/\/account\/pay\/result\//);
        await fitsThePhone(page, 'the declined result page');
        const main = await page.locator('main').innerText();
        expect(main).toContain('Payment declined');
        expect(main).toContain('Your bank declined the payment.');
      });
    } finally {
      await context.close();
    }

    // Card numbers never reach us: not stored anywhere, not in any email.
    const stored = await everyStoredText();
    expect(stored).toContain('grace@example.net'); // the dump does read the tables
    for (const number of [GOOD_CARD, DECLINED_CARD]) {
      expect(stored).not.toContain(number);
      expect(stored).not.toContain(number.replace(/(\d{4})(?=\d)/g, '$1 '));
    }
    const emails = await harness.stack.ctx.db.select({ html: emailMessages.html, text: emailMessages.text, subject: emailMessages.subject }).from(emailMessages);
    expect(emails.length).toBeGreaterThan(0);
    for (const email of emails) {
      for (const number of [GOOD_CARD, DECLINED_CARD]) expect(`${email.subject}\n${email.text}\n${email.html}`).not.toContain(number);
    }
  });
});
