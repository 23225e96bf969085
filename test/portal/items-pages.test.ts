// The staff items pages against the real stack: forms posted the way a browser without JavaScript
// posts them store what they say, refuse bad input next to the field while storing nothing, and
// the pages show what is stored.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { links, visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;

beforeAll(async () => {
  harness = await createPortalHarness();
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
});
afterAll(() => harness?.dispose());

async function page(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text();
}

const storedItems = () => harness.stack.ctx.db.select().from(items).orderBy(items.id);

/** Posts a form that must be refused (422) and store or change nothing; returns the page's text. */
async function refusedForm(path: string, fields: Record<string, string>): Promise<string> {
  const before = await storedItems();
  const response = await browser.postForm(path, fields);
  expect(response.status).toBe(422);
  expect(await storedItems()).toEqual(before);
  return visibleText(await response.text());
}

const visit = { name: 'Technician visit', kind: 'service', description: '', unitPrice: '8500', currency: 'eur', taxRate: '21', revenueAccountCode: '' };

describe('item pages', () => {
  it('lists items from the nav, creates one from the form, and edits it', async () => {
    const empty = await page('/staff/items');
    expect(links(empty, /^\/staff\/items$/)).toHaveLength(1);
    expect(visibleText(empty)).toContain('No items yet');

    const created = await browser.postForm('/staff/items', visit);
    expect(created.status).toBe(302);
    const [item] = await harness.stack.ctx.db.select().from(items).where(eq(items.name, 'Technician visit'));
    expect(item).toMatchObject({ kind: 'service', unitPriceMinor: 8500n, currency: 'EUR', taxRate: '21', revenueAccountCode: '4200', description: null, active: true });

    const list = await page('/staff/items');
    expect(visibleText(list)).toMatch(/Technician visit service .*85\.00 21% 4200 active/);
    expect(links(list, /^\/staff\/items\/[0-9a-f-]{36}$/)).toEqual([`/staff/items/${item!.id}`]);

    const edit = visibleText(await page(`/staff/items/${item!.id}`));
    expect(edit).toContain('Service, priced in EUR.');
    expect(edit).toContain('4300 Revenue: spare parts');

    const saved = await browser.postForm(`/staff/items/${item!.id}`, {
      name: 'Technician visit (hour)',
      description: 'On site',
      unitPrice: '9000',
      taxRate: '7.7',
      revenueAccountCode: '4300',
    });
    expect(saved.status).toBe(302);
    const [changed] = await harness.stack.ctx.db.select().from(items).where(eq(items.id, item!.id));
    expect(changed).toMatchObject({ name: 'Technician visit (hour)', description: 'On site', unitPriceMinor: 9000n, taxRate: '7.7', revenueAccountCode: '4300', active: false });
    expect(visibleText(await page('/staff/items'))).toMatch(/Technician visit \(hour\) service .*90\.00 7\.7% 4300 inactive/);
  });

  it('refuses a decimal price, a bad tax rate or a non-income account next to the field, storing nothing', async () => {
    expect(await refusedForm('/staff/items', { ...visit, unitPrice: '12.5' })).toContain('must be a whole number of minor units');
    expect(await refusedForm('/staff/items', { ...visit, taxRate: '21%' })).toContain('without "%"');
    expect(await refusedForm('/staff/items', { ...visit, taxRate: '101' })).toContain('must be between 0 and 100');
    expect(await refusedForm('/staff/items', { ...visit, revenueAccountCode: '1100' })).toContain('account 1100 is of type asset');

    const part = await browser.postForm('/staff/items', { ...visit, name: 'Router', kind: 'part' });
    expect(part.status).toBe(302);
    const [router] = await harness.stack.ctx.db.select().from(items).where(eq(items.name, 'Router'));
    expect(router?.revenueAccountCode).toBe('4300');
    const fields = { name: 'Router', description: '', unitPrice: '8500', taxRate: '1.23456', revenueAccountCode: '4300', active: 'on' };
    expect(await refusedForm(`/staff/items/${router!.id}`, fields)).toContain('must have at most 4 decimals');
  });

  it('answers 404 for an item that does not exist', async () => {
    expect((await browser.get('/staff/items/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
