// The staff trial balance and customer statement pages against the real stack: they show the
// figures the ledger holds (the receivable, equal totals, opening and closing balances), filter by
// date, and answer a bad date with a clear message instead of a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerBalance } from '../../db/records/receivables.js';
import { addDays } from '../../billing/calendar.js';
import { formatMoney, money } from '../../billing/money.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { links, textOfClass, visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;
let billed: Awaited<ReturnType<typeof createBilledCustomer>>;

beforeAll(async () => {
  harness = await createPortalHarness();
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
  const plan = await createPlan(harness.stack.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  billed = await createBilledCustomer(harness.stack.ctx, plan, { name: 'Grace Hopper', email: 'grace@example.net' });
});
afterAll(() => harness?.dispose());

const shown = (amountMinor: bigint) => formatMoney(money(amountMinor, 'EUR'), 'en-GB');

async function html(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text();
}

describe('trial balance page', () => {
  it("shows the receivable the customer owes and equal debit and credit totals, and is in the staff nav", async () => {
    const page = await html('/staff/trial-balance');
    expect(links(page, /^\/staff\/trial-balance$/)).not.toHaveLength(0);
    const owed = await customerBalance(harness.stack.ctx.db, billed.customer.id, 'EUR');
    const receivableRow = visibleText(page).match(/1100 (.*?) asset EUR (\S+) (\S+) (\S+)/);
    expect(receivableRow?.[4]).toBe(shown(owed.amountMinor));
    const [debits] = textOfClass(page, 'total-debits');
    expect(debits).toBeDefined();
    expect(textOfClass(page, 'total-credits')).toEqual([debits]);
  });

  it('leaves out what was posted after the chosen day, and explains a bad date', async () => {
    const first = [...billed.invoices].sort((a, b) => a.issueDate.localeCompare(b.issueDate))[0]!;
    const early = visibleText(await html(`/staff/trial-balance?asOf=${addDays(first.issueDate, -1)}`));
    expect(early).toContain('Nothing posted by then');
    const then = await html(`/staff/trial-balance?asOf=${first.issueDate}`);
    expect(textOfClass(then, 'total-debits')).toEqual([shown(first.totalMinor)]);

    const bad = await browser.get('/staff/trial-balance?asOf=2026-02-30');
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain('asOf');
  });
});

describe('customer statement page', () => {
  it('is linked from the customer page and shows opening balance, every entry and the closing balance', async () => {
    const customerPage = await html(`/staff/customers/${billed.customer.id}`);
    expect(links(customerPage, /\/statement$/)).toEqual([`/staff/customers/${billed.customer.id}/statement`]);

    const page = await html(`/staff/customers/${billed.customer.id}/statement`);
    const owed = await customerBalance(harness.stack.ctx.db, billed.customer.id, 'EUR');
    expect(textOfClass(page, 'opening-balance')).toEqual([shown(0n)]);
    expect(textOfClass(page, 'closing-balance')).toEqual([shown(owed.amountMinor)]);
    const [first, second] = [...billed.invoices].sort((a, b) => a.issueDate.localeCompare(b.issueDate));
    expect(textOfClass(page, 'running-balance')).toEqual([shown(first!.totalMinor), shown(first!.totalMinor + second!.totalMinor)]);

    const later = await html(`/staff/customers/${billed.customer.id}/statement?from=${second!.issueDate}&to=${second!.issueDate}`);
    expect(textOfClass(later, 'opening-balance')).toEqual([shown(first!.totalMinor)]);
    expect(textOfClass(later, 'running-balance')).toEqual([shown(first!.totalMinor + second!.totalMinor)]);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const bad = await browser.get(`/staff/customers/${billed.customer.id}/statement?from=2026-03-01&to=2026-02-01`);
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain('from must be on or before to');
  });
});
