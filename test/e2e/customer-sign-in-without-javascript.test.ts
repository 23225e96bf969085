// A customer signs in by magic link in real Chromium with JavaScript turned off, as some phones,
// privacy browsers and screen readers run: every customer page must work as plain HTML forms.
// Asks for a link, opens it from the email, presses the button and lands signed in on /account.
// A failing step leaves a screenshot in test-results/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { launchChromium, step } from '../support/chromium.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { newSignInLink } from '../portal/customer-sign-in-steps.js';

let harness: PortalHarness;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  harness = await createPortalHarness();
  context = await browser.newContext({ javaScriptEnabled: false });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await harness?.dispose();
});

describe('customer sign-in without JavaScript', () => {
  it('asks for a link, opens it and signs in to /account with plain HTML forms', { timeout: 120_000 }, async () => {
    const plan = await createPlan(harness.stack.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
    const { customer } = await createBilledCustomer(harness.stack.ctx, plan, { name: 'Ada Lovelace', email: 'ada@example.net' });
    const page: Page = await context.newPage();
    const current = () => page;

    await step('ask for a sign-in link', current, async () => {
      await page.goto(`${harness.url}/sign-in`);
      await page.getByLabel('Email address').fill(customer.email);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByText('If the address belongs to an account, we have sent a sign-in link').waitFor();
    });

    const link = await newSignInLink(harness.stack.ctx.db, customer.id, null);

    await step('open the link and press the button', current, async () => {
      await page.goto(`${harness.url}${link}`);
      await page.getByRole('heading', { name: 'Sign in to your account' }).waitFor();
      // The browser posts the form itself: a document POST, not Remix's fetch of /sign-in/confirm.data.
      const [confirmed] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/sign-in/confirm'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      expect(confirmed.status(), 'pressing "Sign in"').toBe(302);
      expect(confirmed.request().isNavigationRequest()).toBe(true);
      await page.waitForURL(`${harness.url}/account`);
      await page.getByRole('heading', { name: 'Hello, Ada Lovelace' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    });
  });
});
