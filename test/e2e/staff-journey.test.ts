// A staff member's whole journey in real Chromium against the real stack (Postgres, a Temporal
// dev server with its Web UI, the worker, the built portal): sign in, create a plan and a
// back-dated customer through the forms, open the first invoice and its email, follow the link
// into the Temporal Web UI, cancel the subscription. A failing step leaves a full-page screenshot
// in test-results/screenshots/.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerWorkflowId } from '../../workflows/messages.js';
import { twoMonthsAgo } from '../support/billed-customer.js';
import { launchChromium, step } from '../support/chromium.js';
import { eventually } from '../support/eventually.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { freePorts } from '../temporal-tooling/free-ports.js';

let harness: PortalHarness;
let browser: Browser;
let context: BrowserContext;
let temporalUiUrl: string;

beforeAll(async () => {
  const [uiPort] = await freePorts(1);
  temporalUiUrl = `http://127.0.0.1:${uiPort}`;
  // Chromium first: without it there is nothing to test, and the message says how to install it.
  browser = await launchChromium();
  harness = await createPortalHarness({ temporalUiUrl }, { temporalUiPort: uiPort });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await harness?.dispose();
});

/** Reloads a server-rendered page until what billing does in the background shows on it. */
async function reloadUntil(page: Page, what: string, shown: () => Promise<boolean>): Promise<void> {
  await eventually(
    async () => {
      await page.reload();
      if (!(await shown())) throw new Error(`${what} not shown yet`);
    },
    { what },
  );
}

const nav = (page: Page, name: string): Locator => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
const section = (page: Page, heading: string): Locator => page.locator(`section[aria-labelledby="${heading}-heading"]`);

describe('staff journey in Chromium', () => {
  it('signs in, bills a new customer, inspects invoice, email and workflow, and cancels', { timeout: 240_000 }, async () => {
    let current = await context.newPage();
    const pageErrors: string[] = [];
    current.on('pageerror', (error) => pageErrors.push(error.message));
    current.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    const onPage = () => current;
    const staff = await harness.newStaff();
    const startDate = twoMonthsAgo();

    await step('sign in', onPage, async () => {
      await current.goto(`${harness.url}/staff/customers`);
      await current.waitForURL(/\/staff\/sign-in\?redirectTo=/);
      await current.getByLabel('Email address').fill(staff.email);
      await current.getByLabel('Password').fill(staff.password);
      await current.getByRole('button', { name: 'Sign in' }).click();
      await current.waitForURL(`${harness.url}/staff/customers`);
      await current.getByText('No customers yet').waitFor();
    });

    await step('create a plan', onPage, async () => {
      await nav(current, 'Plans').click();
      await current.getByRole('heading', { name: 'New plan' }).waitFor();
      await current.getByLabel('Name', { exact: true }).fill('Fibre 100');
      await current.getByLabel('Price in minor units (cents)').fill('4900');
      await current.getByLabel('Currency').fill('EUR');
      await current.getByLabel('Billed every').selectOption('month');
      await current.getByRole('button', { name: 'Create plan' }).click();
      await current.locator('.notice', { hasText: 'Plan “Fibre 100” created.' }).waitFor();
      expect(await current.locator('table').innerText()).toContain('€49.00');
    });

    const customerId = await step('create a back-dated customer', onPage, async () => {
      await nav(current, 'Customers').click();
      await current.getByRole('link', { name: 'New customer' }).first().click();
      await current.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
      await current.getByLabel(/^Email address/).fill('ada@example.net');
      await current.getByLabel('Billing currency').fill('EUR');
      await current.getByLabel('Plan').selectOption({ label: 'Fibre 100 · €49.00 per month' });
      await current.getByLabel(/^Start date/).fill(startDate);
      await current.getByRole('button', { name: 'Create customer' }).click();
      await current.locator('.notice', { hasText: 'Customer “Ada Lovelace” created and subscribed' }).waitFor();
      const id = /\/staff\/customers\/([0-9a-f-]{36})$/.exec(current.url())?.[1];
      if (!id) throw new Error(`not on a customer page: ${current.url()}`);
      return id;
    });
    const customerPage = `${harness.url}/staff/customers/${customerId}`;

    await step('open the first invoice', onPage, async () => {
      const invoiceLinks = section(current, 'invoices').locator('a[href^="/staff/invoices/"]');
      await reloadUntil(current, 'the first two invoices', async () => (await invoiceLinks.count()) === 2);
      // Newest first: the first invoice is the last row.
      await invoiceLinks.last().click();
      const document = current.locator('.document');
      await document.waitFor();
      const text = await document.innerText();
      expect(text).toContain('Test ISP');
      expect(text).toContain('Ada Lovelace');
      expect(text).toMatch(/Total\s+€49\.00/);
    });

    await step('open the invoice email', onPage, async () => {
      await current.goto(customerPage);
      const emailLinks = section(current, 'emails').locator('a[href^="/staff/emails/"]');
      await reloadUntil(current, 'the invoice emails', async () => (await emailLinks.count()) === 2);
      await emailLinks.last().click();
      await current.locator('.email-headers').getByText('ada@example.net').waitFor();
      const frame = current.frameLocator('iframe.email-frame');
      await frame.getByText('Fibre 100').first().waitFor();
      expect(await current.locator('pre.plain').innerText()).toContain('€49.00');
    });

    await step('follow the link into the Temporal Web UI', onPage, async () => {
      await current.goto(customerPage);
      const link = current.getByRole('link', { name: 'Open in Temporal Web UI' });
      const workflow = harness.stack.ctx.temporal.workflow.getHandle(customerWorkflowId(customerId));
      // The workflow continues as new after billing: wait until the page names the run now going.
      await reloadUntil(current, 'a link to the running workflow run', async () => {
        const { runId } = await workflow.describe();
        const expected = `${temporalUiUrl}/namespaces/default/workflows/customer%2F${customerId}/${runId}/history`;
        return (await link.getAttribute('href')) === expected;
      });
      const [ui] = await Promise.all([context.waitForEvent('page'), link.click()]);
      current = ui;
      await ui.getByText(`customer/${customerId}`).first().waitFor({ timeout: 60_000 });
      await ui.getByText('customerAccount').first().waitFor({ timeout: 60_000 });
      expect(ui.url()).toContain(`/workflows/customer%2F${customerId}/`);
      await ui.close();
    });

    current = context.pages()[0]!;
    await step('cancel the subscription', onPage, async () => {
      await current.goto(customerPage);
      await current.getByRole('link', { name: 'Cancel subscription…' }).click();
      await current.getByLabel('I understand the final period is billed today').check();
      await current.getByRole('button', { name: 'Cancel subscription', exact: true }).click();
      await current.locator('.notice', { hasText: 'Cancelled from' }).waitFor();
      const invoiceLinks = section(current, 'invoices').locator('a[href^="/staff/invoices/"]');
      // The subscription shows cancelled a moment before the workflow finishes: wait for both.
      await reloadUntil(
        current,
        'the cancelled subscription, its final invoice and the finished workflow',
        async () =>
          (await current.locator('.subscription').innerText()).includes('cancelled') &&
          (await invoiceLinks.count()) === 3 &&
          (await current.locator('.workflow-status').innerText()).includes('the workflow is completed'),
      );
      await invoiceLinks.first().click();
      await current.locator('.document').waitFor();
      expect(await current.locator('.document').innerText()).toContain('Ada Lovelace');
    });

    expect(pageErrors).toEqual([]);
  });
});
