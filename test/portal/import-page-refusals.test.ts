// The staff import pages refuse what a browser should never get through: a mapping missing its
// columns, a hand-edited address, no session, no CSRF token, a body that is no form, an upload
// without a source, and a file that cannot be read; each refused with a reason, storing nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingImports } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createMeter } from '../../server/services/readings/meters.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { READINGS_CSV, SOURCE, formFields, importPageSteps, uploadForm, visibleText } from './import-page-steps.js';

let harness: PortalHarness;
let staff: StaffBrowser;
const session: { harness?: PortalHarness; staff?: StaffBrowser } = {};
const { page, readingTotal, importTotal, upload, settled } = importPageSteps(session);

beforeAll(async () => {
  harness = await createPortalHarness();
  const ctx = harness.stack.ctx;
  staff = new StaffBrowser(harness.url);
  await staff.signIn(await harness.newStaff());
  Object.assign(session, { harness, staff });
  // The customers and meters the sample file names, so only the refusals under test stand out.
  const customer = async (name: string, email: string) => (await createCustomer(ctx, { name, email, currency: 'EUR' })).customer.id;
  const ada = await customer('Ada Import', 'ada@import.test');
  const grace = await customer('Grace Import', 'grace@import.test');
  await createMeter(ctx, { customerId: ada, key: 'data', unit: 'GB', kind: 'cumulative' });
  await createMeter(ctx, { customerId: ada, key: 'voice', unit: 'min', kind: 'delta' });
  await createMeter(ctx, { customerId: grace, key: 'data', unit: 'GB', kind: 'delta' });
});
afterAll(() => harness?.dispose());

describe('refusals', () => {
  it('refuses a mapping without a time column or with both a meter id and a customer column, next to the fields', async () => {
    const importPage = await upload({ name: 'unmapped.csv', content: READINGS_CSV }, 'mapping-errors');
    const mapping = formFields(await page(importPage), 'value="map"');
    const noTime = await staff.postForm(importPage, { ...mapping, timeColumn: '' });
    expect(noTime.status).toBe(422);
    expect(visibleText(await noTime.text())).toMatch(/Time of the reading \(none\)[^]*is required: choose the column that holds the time of the reading Value/);
    const both = await staff.postForm(importPage, { ...mapping, meterIdColumn: 'value' });
    expect(both.status).toBe(422);
    expect(visibleText(await both.text())).toMatch(/Customer \(id or email\), instead of a meter id \(none\)[^]*give either a meter id column or a customer column, not both Meter key/);
    expect(visibleText(await page(importPage))).toMatch(/· uploaded/);
  });

  it('answers a hand-edited page address with a 400, not a server error', async () => {
    // An import whose preview lists invalid rows: its page reads the cursor.
    const importPage = await upload({ name: 'april.csv', content: READINGS_CSV }, 'hand-edited');
    expect((await staff.postForm(importPage, formFields(await page(importPage), 'value="map"'))).status).toBe(302);
    await settled(importPage, 'validated');
    for (const path of ['/staff/imports?cursor=not-a-cursor', `${importPage}?cursor=not-a-cursor`, '/staff/imports/not-an-id']) {
      const response = await staff.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: path.endsWith('not-an-id') ? 404 : 400 });
    }
  });

  it('sends every import page to sign-in without a session', async () => {
    const importPage = await upload({ name: 'april.csv', content: READINGS_CSV }, 'no-session');
    for (const path of ['/staff/imports', importPage, `${importPage}/rejected.csv`]) {
      const response = await fetch(harness.url + path, { redirect: 'manual' });
      expect({ path, status: response.status, location: response.headers.get('location') }).toEqual({
        path,
        status: 302,
        location: `/staff/sign-in?${new URLSearchParams({ redirectTo: path })}`,
      });
    }
  });

  it('refuses every import action without a session, or without the CSRF token, storing nothing', async () => {
    const [imported] = await harness.stack.ctx.db
      .select({ id: readingImports.id })
      .from(readingImports)
      .where(eq(readingImports.status, 'uploaded'))
      .limit(1);
    const importPage = imported ? `/staff/imports/${imported.id}` : await upload({ name: 'untouched.csv', content: READINGS_CSV });
    const before = { imports: await importTotal(), readings: await readingTotal() };
    const stranger = new StaffBrowser(harness.url);
    const file = { name: 'forged.csv', content: READINGS_CSV };
    const mapping = { intent: 'map', customerColumn: 'customer email', meterKeyColumn: 'meter key', timeColumn: 'read at', valueColumn: 'value' };

    for (const [what, post] of [
      ['an upload', (client: StaffBrowser, csrf: boolean) => client.postForm('/staff/imports', uploadForm(file), { csrf })],
      ['an upload with no file', (client: StaffBrowser, csrf: boolean) => client.postForm('/staff/imports', { source: SOURCE }, { csrf })],
      ['a mapping', (client: StaffBrowser, csrf: boolean) => client.postForm(importPage, mapping, { csrf })],
      ['a commit', (client: StaffBrowser, csrf: boolean) => client.postForm(importPage, { intent: 'commit-valid-only' }, { csrf })],
    ] as const) {
      const anonymous = await post(stranger, true);
      expect({ what, status: anonymous.status, location: anonymous.headers.get('location') }).toMatchObject({
        what,
        status: 302,
        location: expect.stringMatching(/^\/staff\/sign-in\?redirectTo=/),
      });
      await page('/staff/imports');
      const forged = await post(staff, false);
      expect({ what, status: forged.status }).toEqual({ what, status: 403 });
    }
    // A forged post need not be a form at all.
    for (const path of ['/staff/imports', importPage]) {
      const plain = await staff.postRaw(path, 'intent=commit-valid-only', 'text/plain');
      expect({ path, status: plain.status }).toEqual({ path, status: 403 });
      expect(visibleText(await plain.text())).toContain('This form has expired or did not come from Uplink.');
    }
    expect({ imports: await importTotal(), readings: await readingTotal() }).toEqual(before);
    expect(visibleText(await page(importPage))).toMatch(/· uploaded/);
  });

  it('refuses an upload without a source or with a bad delimiter next to the field, keeping no import', async () => {
    const before = await importTotal();
    for (const [fields, field, message] of [
      [{ source: '   ' }, 'Source', 'is required: name where the file comes from'],
      [{ delimiter: ';;' }, 'Delimiter', 'must be one character, such as , ; or a tab'],
    ] as const) {
      await page('/staff/imports');
      const form = uploadForm({ name: 'april.csv', content: READINGS_CSV });
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      const response = await staff.postForm('/staff/imports', form);
      expect(response.status).toBe(422);
      expect(visibleText(await response.text())).toMatch(new RegExp(`${field}[^]*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    expect(await importTotal()).toBe(before);
  });

  it('shows a clear error on the page for a file that cannot be read, not a server error', async () => {
    const readingsBefore = await readingTotal();
    const randomBytes = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256);
    for (const [file, reason] of [
      [{ name: 'readings.xlsx', content: randomBytes }, /xlsx|excel|workbook|zip/i],
      [{ name: 'empty.csv', content: '' }, /the file is empty/],
    ] as const) {
      await page('/staff/imports');
      const response = await staff.postForm('/staff/imports', uploadForm(file));
      const text = visibleText(await response.text());
      expect({ file: file.name, status: response.status }).toEqual({ file: file.name, status: 422 });
      expect(text).toMatch(reason);
      // Still the Imports page with its upload form, the source as typed.
      expect(text).toContain('Upload a readings file');
    }
    expect(await readingTotal()).toBe(readingsBefore);
  });
});
