// The staff import pages against the real stack, posted the way a browser without JavaScript
// posts them: upload a readings file, see its columns, sample rows and the suggested mapping,
// validate, read every invalid row in the preview, commit all-or-nothing (refused) and valid rows
// only, download the rejected rows, import the same file again (nothing added), follow a long
// step's progress, and start again a step its process left unfinished. Refusals are in
// import-page-refusals.test.ts.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingImports } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createMeter } from '../../server/services/readings/meters.js';
import { storedReadings } from '../imports/import-fixtures.js';
import { withMetersLocked } from '../support/meters-locked.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { links } from './page-text.js';
import { READINGS_CSV, formFields, importPageSteps, invalidRows, visibleText } from './import-page-steps.js';

let harness: PortalHarness;
let staff: StaffBrowser;
const session: { harness?: PortalHarness; staff?: StaffBrowser } = {};
const { page, readingTotal, upload, settled } = importPageSteps(session);

let customers: { ada: string; grace: string };
let meterIds: { adaData: string; adaVoice: string; graceData: string };

beforeAll(async () => {
  harness = await createPortalHarness();
  const ctx = harness.stack.ctx;
  staff = new StaffBrowser(harness.url);
  await staff.signIn(await harness.newStaff());
  Object.assign(session, { harness, staff });
  const customer = async (name: string, email: string) => (await createCustomer(ctx, { name, email, currency: 'EUR' })).customer.id;
  customers = { ada: await customer('Ada Import', 'ada@import.test'), grace: await customer('Grace Import', 'grace@import.test') };
  meterIds = {
    adaData: (await createMeter(ctx, { customerId: customers.ada, key: 'data', unit: 'GB', kind: 'cumulative' })).id,
    adaVoice: (await createMeter(ctx, { customerId: customers.ada, key: 'voice', unit: 'min', kind: 'delta' })).id,
    graceData: (await createMeter(ctx, { customerId: customers.grace, key: 'data', unit: 'GB', kind: 'delta' })).id,
  };
});
afterAll(() => harness?.dispose());

describe('importing a readings file through the staff pages', () => {
  let importPage: string;
  let importId: string;

  it('shows the uploaded file’s columns, sample rows and the suggested mapping with the detected date format', async () => {
    importPage = await upload({ name: 'april-readings.csv', content: READINGS_CSV });
    importId = importPage.split('/').pop()!;
    const html = await page(importPage);
    const text = visibleText(html);
    expect(text).toContain('Uploaded april-readings.csv: map its columns below.');
    expect(text).toMatch(/april-readings\.csv Source field-sheets · CSV · uploaded/);
    expect(text).toContain('Line customer email meter key read at value unit');
    expect(text).toContain('2 ada@import.test data 2026-04-01 08:00 100 GB');
    expect(text).toContain('6 grace@import.test power 2026-04-02 08:00 7 kWh');
    expect(text).toContain('Offered: a guess from the column names; check it.');
    expect(text).toContain('(detected: iso)');
    expect(formFields(html, 'value="map"')).toMatchObject({
      intent: 'map',
      meterIdColumn: '',
      customerColumn: 'customer email',
      meterKeyColumn: 'meter key',
      timeColumn: 'read at',
      valueColumn: 'value',
      unitColumn: 'unit',
      dateFormat: '',
    });
    expect(await readingTotal()).toBe(0);
  });

  it('validates every row with the mapping and previews exactly the invalid rows, with line, column and reason', async () => {
    const mapping = formFields(await page(importPage), 'value="map"');
    const response = await staff.postForm(importPage, mapping);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(importPage);

    const html = await settled(importPage, 'validated');
    const text = visibleText(html);
    expect(text).toContain('Rows 7 Valid 5 Invalid 2 Duplicates (already stored or repeated) 0');
    expect(invalidRows(html)).toEqual([
      { line: 5, column: 'read at', reason: expect.stringMatching(/^'2026-04-31 08:00' is not a date .*\(April 2026 has 30 days\)$/) },
      { line: 6, column: 'meter key', reason: 'customer "grace@import.test" has no meter "power"' },
    ]);
    expect(links(html, /rejected\.csv$/)).toEqual([`/staff/imports/${importId}/rejected.csv`]);
    expect(text).toContain('Download the 2 invalid rows (CSV)');
    expect(text).toContain('All or nothing is possible once no row is invalid.');
    expect(await readingTotal()).toBe(0);
  });

  it('refuses an all-or-nothing commit while rows are invalid, saying why, and stores nothing', async () => {
    await page(importPage);
    const response = await staff.postForm(importPage, { intent: 'commit' });
    expect(response.status).toBe(422);
    const text = visibleText(await response.text());
    expect(text).toContain('2 of 7 rows are invalid, so nothing was stored');
    expect(await readingTotal()).toBe(0);
    expect(visibleText(await settled(importPage, 'validated'))).toContain('Valid 5 Invalid 2');
  });

  it('stores exactly the valid rows when committing valid rows only, with the consumption each adds', async () => {
    await page(importPage);
    const response = await staff.postForm(importPage, { intent: 'commit-valid-only' });
    expect(response.status).toBe(302);
    const text = visibleText(await settled(importPage, 'committed'));
    expect(text).toContain('Rows 7 Valid 5 Invalid 2 Duplicates (already stored or repeated) 0 Stored 5');
    expect(await readingTotal()).toBe(5);
    const summary = async (meterId: string) => (await storedReadings(harness.stack.ctx.db, meterId)).map((r) => [r.readAt, r.value, r.consumption, r.source]);
    // The data register: the first reading is the baseline, then the difference to the previous one.
    expect(await summary(meterIds.adaData)).toEqual([
      ['2026-04-01T06:00:00Z', '100', '0', 'import'],
      ['2026-04-02T06:00:00Z', '150.5', '50.5', 'import'],
      ['2026-04-03T06:00:00Z', '175.5', '25', 'import'],
    ]);
    expect(await summary(meterIds.adaVoice)).toEqual([['2026-04-02T07:30:00Z', '42', '42', 'import']]);
    // 2500 MB on a GB meter (base 1000).
    expect(await summary(meterIds.graceData)).toEqual([['2026-04-03T08:15:00Z', '2.5', '2.5', 'import']]);
  });

  it('serves the rejected rows as a CSV file holding exactly the bad lines', async () => {
    const response = await staff.get(`/staff/imports/${importId}/rejected.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe("attachment; filename=\"april-readings-rejected.csv\"; filename*=UTF-8''april-readings-rejected.csv");
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('line,column,reason,customer email,meter key,read at,value,unit');
    expect(lines[1]).toMatch(/^5,read at,.*,ada@import\.test,data,2026-04-31 08:00,160,GB$/);
    expect(lines[2]).toMatch(/^6,meter key,.*,grace@import\.test,power,2026-04-02 08:00,7,kWh$/);
  });

  it('lists the import with its status and counts', async () => {
    const html = await page('/staff/imports');
    expect(links(html, /^\/staff\/imports\/[0-9a-f-]{36}$/)).toContain(importPage);
    expect(visibleText(html)).toMatch(/april-readings\.csv field-sheets committed 7 2 5 \d{1,2} [A-Z][a-z]{2,3} 2\d{3}, \d\d:\d\d/);
  });

  it('says why when a form of an older view of the page is posted after the commit', async () => {
    await page(importPage);
    const remap = await staff.postForm(importPage, { intent: 'map', customerColumn: 'customer email', meterKeyColumn: 'meter key', timeColumn: 'read at', valueColumn: 'value' });
    expect(remap.status).toBe(422);
    expect(visibleText(await remap.text())).toContain('the import is committed; upload the file again to import it anew');

    const recommit = await staff.postForm(importPage, { intent: 'commit-valid-only' });
    expect(recommit.status).toBe(302);
    expect(visibleText(await page(importPage))).toContain('These readings are already stored; nothing changed.');
    expect(await readingTotal()).toBe(5);
  });

  it('offers the saved mapping for the same source next time, and importing the same file again adds nothing', async () => {
    const again = await upload({ name: 'april-readings-again.csv', content: READINGS_CSV });
    const html = await page(again);
    expect(visibleText(html)).toContain('Offered: the mapping saved for this source.');
    expect(formFields(html, 'value="map"')).toMatchObject({
      customerColumn: 'customer email',
      meterKeyColumn: 'meter key',
      timeColumn: 'read at',
      valueColumn: 'value',
      unitColumn: 'unit',
      dateFormat: 'iso',
    });
    expect((await staff.postForm(again, formFields(html, 'value="map"'))).status).toBe(302);
    const validated = visibleText(await settled(again, 'validated'));
    expect(validated).toContain('Rows 7 Valid 0 Invalid 2 Duplicates (already stored or repeated) 5');

    expect((await staff.postForm(again, { intent: 'commit-valid-only' })).status).toBe(302);
    expect(visibleText(await settled(again, 'committed'))).toContain('Stored 0');
    expect(await readingTotal()).toBe(5);
  });
});

describe('dates and long previews', () => {
  it('says when the date format is ambiguous, and reads the dates the way staff choose', async () => {
    const lines = ['meter,date,reading', `${meterIds.adaVoice},03/04/2026,5`, `${meterIds.adaVoice},05/04/2026,6`];
    const importPage = await upload({ name: 'technician.csv', content: lines.join('\n') }, 'technician-sheets');
    const html = await page(importPage);
    expect(visibleText(html)).toContain('(detected: DD/MM/YYYY, ambiguous between DD/MM/YYYY and MM/DD/YYYY: choose one)');
    const mapping = formFields(html, 'value="map"');
    expect(mapping).toMatchObject({ meterIdColumn: 'meter', timeColumn: 'date', valueColumn: 'reading', dateFormat: '' });

    expect((await staff.postForm(importPage, { ...mapping, dateFormat: 'MM/DD/YYYY', timeZone: 'UTC' })).status).toBe(302);
    expect(visibleText(await settled(importPage, 'validated'))).toContain('Rows 2 Valid 2 Invalid 0');
    expect((await staff.postForm(importPage, { intent: 'commit' })).status).toBe(302);
    await settled(importPage, 'committed');
    const importId = importPage.split('/').pop();
    const stored = (await storedReadings(harness.stack.ctx.db, meterIds.adaVoice)).filter((reading) => reading.importId === importId);
    // Month first: 4 March and 4 May, not 3 and 5 April.
    expect(stored.map((reading) => [reading.readAt, reading.value])).toEqual([
      ['2026-03-04T00:00:00Z', '5'],
      ['2026-05-04T00:00:00Z', '6'],
    ]);
  });

  it('shows why validation stopped when the file breaks after its first rows, and lets staff map it again', async () => {
    // Upload reads the first 1,000 objects for the columns; line 1,050 is past them.
    const rows = Array.from({ length: 1100 }, (_, i) => JSON.stringify({ meter: meterIds.graceData, time: new Date(Date.UTC(2026, 6, 1, 0, i)).toISOString(), value: 1 }));
    rows[1049] = '{"meter": "cut off';
    const importPage = await upload({ name: 'router.ndjson', content: rows.join('\n') }, 'routers');
    const mapping = formFields(await page(importPage), 'value="map"');
    expect(mapping).toMatchObject({ meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value' });
    const before = await readingTotal();
    expect((await staff.postForm(importPage, mapping)).status).toBe(302);
    const html = await settled(importPage, 'failed');
    const text = visibleText(html);
    expect(text).toMatch(/· failed Line 1050 is not valid JSON/);
    expect(text).toContain('Validate every row');
    expect(text).not.toContain('Preview');
    expect(await readingTotal()).toBe(before);
  });

  it('pages through a long list of invalid rows, 50 at a time', async () => {
    const lines = ['customer email,meter key,read at,value', ...Array.from({ length: 55 }, (_, i) => `ada@import.test,water,2026-06-01 00:${String(i).padStart(2, '0')},${i}`)];
    const importPage = await upload({ name: 'water.csv', content: lines.join('\n') }, 'long-preview');
    expect((await staff.postForm(importPage, formFields(await page(importPage), 'value="map"'))).status).toBe(302);
    const first = await settled(importPage, 'validated');
    expect(visibleText(first)).toContain('Rows 55 Valid 0 Invalid 55');
    expect(invalidRows(first).map((row) => row.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(invalidRows(first)[0]).toEqual({ line: 2, column: 'meter key', reason: 'customer "ada@import.test" has no meter "water"' });
    const [next] = links(first, /cursor=/);
    expect(next).toMatch(new RegExp(`^${importPage}\\?cursor=`));
    const second = await page(next!);
    expect(invalidRows(second).map((row) => row.line)).toEqual([52, 53, 54, 55, 56]);
    expect(links(second, /cursor=/)).toEqual([]);
    // All or nothing cannot be chosen while rows are invalid.
    expect(second).toMatch(/<button type="submit" name="intent" value="commit" disabled="">Store all/);
  });
});

describe('progress of a long step', () => {

  it('shows the rows checked, then stored, while the page refreshes itself, and the result when done', async () => {
    const lines = ['customer email,meter key,read at,value,unit', ...[1, 2, 3].map((day) => `grace@import.test,data,2026-05-0${day} 12:00,${day},GB`)];
    const importPage = await upload({ name: 'may.csv', content: lines.join('\n') }, 'progress-check');
    const mapping = formFields(await page(importPage), 'value="map"');

    await withMetersLocked(harness.stack.ctx.db, async () => {
      expect((await staff.postForm(importPage, mapping)).status).toBe(302);
      const html = await page(importPage);
      expect(visibleText(html)).toContain('Validating every row…');
      expect(visibleText(html)).toMatch(/· validating Checked 0 of ~3 rows…/);
      expect(html).toMatch(/<meta http-equiv="refresh" content="2"\/>/);
      expect(html).toContain('<progress max="3" value="0">');
    });
    expect(visibleText(await settled(importPage, 'validated'))).toContain('Rows 3 Valid 3 Invalid 0');

    const before = await readingTotal();
    await withMetersLocked(harness.stack.ctx.db, async () => {
      expect((await staff.postForm(importPage, { intent: 'commit' })).status).toBe(302);
      const text = visibleText(await page(importPage));
      expect(text).toContain('Storing the readings…');
      expect(text).toMatch(/· committing Stored 0 of 3 rows…/);
      expect(await readingTotal()).toBe(before);
    });
    expect(visibleText(await settled(importPage, 'committed'))).toContain('Stored 3');
    expect(await readingTotal()).toBe(before + 3);
  });
});

describe('a step cut off by the end of its process', () => {
  /** What the import shows after the process running its step died: still busy, claimed long ago, no lock held. */
  async function cutOff(importPage: string, status: 'validating' | 'committing') {
    const id = importPage.split('/').at(-1)!;
    await harness.stack.ctx.db
      .update(readingImports)
      .set({ status, updatedAt: sql`now() - interval '5 minutes'` })
      .where(eq(readingImports.id, id));
  }

  it('says a cut-off validation stopped, stops refreshing, and validates again from the mapping form', async () => {
    const lines = ['customer email,meter key,read at,value,unit', ...[1, 2].map((day) => `grace@import.test,data,2026-06-0${day} 12:00,${day},GB`)];
    const importPage = await upload({ name: 'june.csv', content: lines.join('\n') }, 'cut-off-validation');
    const mapping = formFields(await page(importPage), 'value="map"');
    await cutOff(importPage, 'validating');

    const html = await page(importPage);
    expect(visibleText(html)).toContain('Checking the rows stopped before it finished: the process running it ended.');
    expect(html).not.toContain('http-equiv="refresh"');
    expect((await staff.postForm(importPage, mapping)).status).toBe(302);
    expect(visibleText(await settled(importPage, 'validated'))).toContain('Rows 2 Valid 2 Invalid 0');
  });

  it('says a cut-off commit stopped, with nothing stored, and commits again from its validated rows', async () => {
    const lines = ['customer email,meter key,read at,value,unit', ...[1, 2].map((day) => `grace@import.test,data,2026-07-0${day} 12:00,${day},GB`)];
    const importPage = await upload({ name: 'july.csv', content: lines.join('\n') }, 'cut-off-commit');
    expect((await staff.postForm(importPage, formFields(await page(importPage), 'value="map"'))).status).toBe(302);
    await settled(importPage, 'validated');
    const before = await readingTotal();
    await cutOff(importPage, 'committing');

    const text = visibleText(await page(importPage));
    expect(text).toContain('Storing the rows stopped before it finished: the process running it ended. Nothing of it was kept');
    expect(await readingTotal()).toBe(before);
    expect((await staff.postForm(importPage, { intent: 'commit' })).status).toBe(302);
    expect(visibleText(await settled(importPage, 'committed'))).toContain('Stored 2');
    expect(await readingTotal()).toBe(before + 2);
  });
});
