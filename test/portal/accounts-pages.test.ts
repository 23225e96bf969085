// The staff chart-of-accounts pages against the real stack: the list shows every account, and the
// create and edit forms store what they say or refuse next to the field while storing nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;

beforeAll(async () => {
  harness = await createPortalHarness();
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
});
afterAll(() => harness?.dispose());

const chart = () => harness.stack.ctx.db.select().from(accounts).orderBy(accounts.code);

async function page(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return visibleText(await response.text());
}

async function refusedForm(path: string, fields: Record<string, string>): Promise<string> {
  const before = await chart();
  const response = await browser.postForm(path, fields);
  expect(response.status).toBe(422);
  expect(await chart()).toEqual(before);
  return visibleText(await response.text());
}

describe('accounts pages', () => {
  it('lists the seeded chart', async () => {
    const text = await page('/staff/accounts');
    for (const code of ['1000', '1100', '2100', '2200', '4000', '4100', '4200', '4300', '4900']) expect(text).toContain(code);
  });

  it('creates an account and refuses a duplicate or malformed code', async () => {
    const response = await browser.postForm('/staff/accounts', { code: '4400', name: 'Installation fees', type: 'income' });
    expect(response.status).toBe(302);
    const [stored] = await harness.stack.ctx.db.select().from(accounts).where(eq(accounts.code, '4400'));
    expect(stored).toMatchObject({ name: 'Installation fees', type: 'income' });
    expect(await page('/staff/accounts')).toContain('Installation fees');

    expect(await refusedForm('/staff/accounts', { code: '4400', name: 'Again', type: 'income' })).toContain('an account with the code 4400 already exists');
    expect(await refusedForm('/staff/accounts', { code: '44', name: 'Short', type: 'income' })).toContain('must be 3 to 6 digits');
  });

  it('renames an account, and refuses a new type for an account the ledger posts to', async () => {
    expect(await page('/staff/accounts/4200')).toContain('4200');
    const renamed = await browser.postForm('/staff/accounts/4200', { name: 'Field service', type: 'income' });
    expect(renamed.status).toBe(302);
    const [stored] = await harness.stack.ctx.db.select().from(accounts).where(eq(accounts.code, '4200'));
    expect(stored).toMatchObject({ name: 'Field service', type: 'income' });

    expect(await refusedForm('/staff/accounts/4200', { name: 'Field service', type: 'expense' })).toContain('the ledger posts to this account');
    expect((await browser.get('/staff/accounts/9999')).status).toBe(404);
  });
});
