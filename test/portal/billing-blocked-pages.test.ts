// Where staff see a blocked account and resume it: the staff pages (the account's page with its
// resume form, the list of blocked accounts in the navigation), the REST API and the CLI, against
// the whole stack (dev server, worker, Postgres, the built portal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../server/services/customers/customers.js';
import { ApiClient } from '../api/api-client.js';
import { jsonOf, runUplink } from '../cli/run-uplink.js';
import { invoicesOf } from '../support/billing-records.js';
import { eventually } from '../support/eventually.js';
import { twoMonthsAgo } from '../support/billed-customer.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { createPoisonedAccount, POISONED_REASON } from '../support/poisoned-account.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { textOfClass, visibleText } from './page-text.js';

const NOT_BLOCKED = "The account's billing is not blocked; there is nothing to resume.";

let harness: PortalHarness;
let api: ApiClient;
let staff: StaffBrowser;
let uplinkEnv: Record<string, string>;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  staff = new StaffBrowser(harness.url);
  await staff.signIn(await harness.newStaff());
  const { stack } = harness;
  uplinkEnv = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_NAMESPACE: stack.env.namespace ?? 'default' };
});
afterAll(() => harness?.dispose());

async function page(path: string): Promise<string> {
  const response = await staff.get(path);
  expect(response.status).toBe(200);
  return response.text();
}

describe('a blocked account, as staff see it', () => {
  it('is listed and explained on the pages, the API and the CLI, and bills what it missed once resumed from its page', async () => {
    const { ctx } = harness.stack;
    const startDate = twoMonthsAgo();
    const poisoned = await createPoisonedAccount(ctx, { name: 'Poisoned Ltd', email: 'poisoned-pages@example.net', startDate });
    const customerId = poisoned.customer.id;

    const listed = await eventually(
      async () => {
        const answer = await api.get('/api/v1/billing-blocks');
        expect(answer.status).toBe(200);
        expect(answer.body.items).toHaveLength(1);
        return answer.body.items[0];
      },
      { what: 'the account to block' },
    );
    expect(listed).toMatchObject({ customerId, customerName: 'Poisoned Ltd', step: 'issue-invoice', stepDescription: 'issuing the invoice' });
    expect(listed.reason).toMatch(POISONED_REASON);
    const detail = (await api.get(`/api/v1/customers/${customerId}`)).body;
    expect(detail.workflow.status.billingBlocked).toEqual({ since: listed.since, step: 'issue-invoice', reason: listed.reason });

    // The list is one click from every staff page.
    const home = await page('/staff/customers');
    expect(home).toContain('href="/staff/billing-blocked"');
    const list = visibleText(await page('/staff/billing-blocked'));
    expect(list).toContain('Poisoned Ltd');
    expect(list).toContain('issuing the invoice');
    expect(list).toContain(listed.reason);

    const account = await page(`/staff/customers/${customerId}`);
    expect(visibleText(account)).toContain('Billing blocked Nothing more is billed for this account until it is resumed');
    expect(textOfClass(account, 'billing-blocked-reason')).toEqual([listed.reason]);
    expect(textOfClass(account, 'workflow-billing')[0]).toMatch(/^blocked since /);

    const blockedByCli = jsonOf<{ items: { customerId: string }[] }>(await runUplink(['customers', 'blocked', '--json'], { env: uplinkEnv }));
    expect(blockedByCli.items.map((item) => item.customerId)).toEqual([customerId]);

    // Resuming before the data is fixed blocks again at once, with a new occasion; so fix it first.
    await poisoned.fixPrice();
    const resumed = await staff.postForm(`/staff/customers/${customerId}`, { intent: 'resume-billing', note: 'plan price corrected' });
    expect(resumed.status).toBe(302);
    const invoices = await eventually(async () => {
      const issued = await invoicesOf(ctx.db, customerId);
      expect(issued).toHaveLength(2);
      return issued;
    });
    expect(invoices.map((invoice) => invoice.totalMinor)).toEqual([5900n, 5900n]);
    await eventually(async () => expect((await api.get('/api/v1/billing-blocks')).body.items).toEqual([]));
    expect(visibleText(await page('/staff/billing-blocked'))).toContain('No account is blocked');
    expect(visibleText(await page(`/staff/customers/${customerId}`))).not.toContain('Resume billing');
  });

  it('refuses to resume an account that is not blocked, on the page, the API and the CLI', async () => {
    const { customer } = await createCustomer(harness.stack.ctx, { name: 'Fine Ltd', email: 'fine-pages@example.net', currency: 'EUR' });
    const refusedByApi = await eventually(async () => {
      const answer = await api.post(`/api/v1/customers/${customer.id}/resume-billing`, {});
      expect(answer.status).toBe(409);
      return answer;
    });
    expect(refusedByApi.body.detail).toBe(NOT_BLOCKED);

    await page(`/staff/customers/${customer.id}`);
    const refusedOnPage = await staff.postForm(`/staff/customers/${customer.id}`, { intent: 'resume-billing', note: '' });
    expect(refusedOnPage.status).toBe(409);
    expect(visibleText(await refusedOnPage.text())).toContain(NOT_BLOCKED);

    const refusedByCli = await runUplink(['customers', 'resume-billing', customer.id], { env: uplinkEnv });
    expect(refusedByCli.code).toBe(1);
    expect(refusedByCli.stderr).toContain(NOT_BLOCKED);

    const unknown = await api.post('/api/v1/customers/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30/resume-billing', {});
    expect(unknown.status).toBe(404);
  });
});
