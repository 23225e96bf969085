// Importing meter readings from a spreadsheet in real Chromium against the real stack: sign in,
// open Imports, upload an XLSX workbook (its readings on the second sheet, with a date-cell column
// and a text-date column), pick the mapping in the form, watch the page refresh itself from the
// progress to the preview, store the valid rows only, and find the readings on the meter's page,
// not yet billed. A failing step leaves a full-page screenshot in test-results/screenshots/.
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createMeter } from '../../server/services/readings/meters.js';
import { launchChromium, step } from '../support/chromium.js';
import { withMetersLocked } from '../support/meters-locked.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';

let harness: PortalHarness;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // Chromium first: without it there is nothing to test, and the message says how to install it.
  browser = await launchChromium();
  harness = await createPortalHarness();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await harness?.dispose();
});

const nav = (page: Page, name: string): Locator => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

/**
 * A technician's workbook: a cover sheet first, the readings on "Readings". "Read on" holds date
 * cells (Excel keeps wall-clock times: here in the portal's zone, Europe/Berlin); "Noted" holds
 * the same times typed as text. Row 5's reading is no number.
 */
async function technicianWorkbook(email: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const cover = workbook.addWorksheet('Cover');
  cover.addRow(['Monthly meter round', 'April 2026']);
  const sheet = workbook.addWorksheet('Readings');
  sheet.addRow(['Customer', 'Service', 'Read on', 'Noted', 'Reading', 'Unit']);
  const rows: [number, number, string, string][] = [
    [1, 8, '1000', 'kWh'],
    [8, 8, '1180.5', 'kWh'],
    [15, 9, 'n/a', 'kWh'],
    [22, 8, '1.4', 'MWh'],
  ];
  for (const [day, hour, reading, unit] of rows) {
    const wallClock = new Date(Date.UTC(2026, 3, day, hour, 30));
    sheet.addRow([email, 'power', wallClock, `${String(day).padStart(2, '0')}.04.2026 ${hour}:30`, reading, unit]);
  }
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}


describe('readings import in Chromium', () => {
  it('uploads a workbook, maps it, previews, stores the valid rows and shows them on the meter, not yet billed', { timeout: 180_000 }, async () => {
    const ctx = harness.stack.ctx;
    const { customer } = await createCustomer(ctx, { name: 'Colo Rack 7', email: 'rack7@colo.test', currency: 'EUR' });
    const meter = await createMeter(ctx, { customerId: customer.id, key: 'power', unit: 'kWh', kind: 'cumulative' });
    const workbook = await technicianWorkbook(customer.email);

    const current = await context.newPage();
    const pageErrors: string[] = [];
    current.on('pageerror', (error) => pageErrors.push(error.message));
    current.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    const onPage = () => current;
    const staff = await harness.newStaff();

    await step('sign in and open Imports', onPage, async () => {
      await current.goto(`${harness.url}/staff/customers`);
      await current.waitForURL(/\/staff\/sign-in\?redirectTo=/);
      await current.getByLabel('Email address').fill(staff.email);
      await current.getByLabel('Password').fill(staff.password);
      await current.getByRole('button', { name: 'Sign in' }).click();
      await current.waitForURL(`${harness.url}/staff/customers`);
      await nav(current, 'Imports').click();
      await current.getByText('No imports yet').waitFor();
    });

    await step('upload the workbook, naming its readings sheet', onPage, async () => {
      await current.getByLabel('Source').fill('power-rounds');
      await current.getByLabel(/^Sheet/).fill('Readings');
      await current.getByLabel('File').setInputFiles({
        name: 'april-round.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: workbook,
      });
      await current.getByRole('button', { name: 'Upload' }).click();
      await current.locator('.notice', { hasText: 'Uploaded april-round.xlsx: map its columns below.' }).waitFor();
      await current.getByText('· sheet “Readings” of “Cover”, “Readings”').waitFor();
      const sample = await current.locator('.table-scroll table').innerText();
      // Headings show in capitals; a date cell shows the wall-clock time the sheet shows.
      expect(sample).toMatch(/Customer\s+Service\s+Read on\s+Noted\s+Reading\s+Unit/i);
      expect(sample).toMatch(/3\s+rack7@colo\.test\s+power\s+2026-04-08 08:30\s+08\.04\.2026 8:30\s+1180\.5\s+kWh/);
      expect(await current.getByText('Offered: a guess from the column names; check it.').count()).toBe(1);
    });

    await step('pick the mapping and watch the rows being checked', onPage, async () => {
      const form = current.locator('form', { has: current.getByRole('button', { name: 'Validate every row' }) });
      // A select's name is its label (some browsers add the option shown).
      const column = (label: string) => form.getByRole('combobox', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}( |$)`) });
      await column('Customer (id or email), instead of a meter id').selectOption('Customer');
      await column('Meter key (with a customer column)').selectOption('Service');
      await column('Time of the reading').selectOption('Read on');
      await column('Value').selectOption('Reading');
      await column('Unit').selectOption('Unit');
      // "Read on" names no time the guess knows: the format is detected when validating.
      await expect(form.getByRole('combobox', { name: /^Date format/ }).inputValue()).resolves.toBe('');
      await withMetersLocked(harness.stack.ctx.db, async () => {
        await form.getByRole('button', { name: 'Validate every row' }).click();
        await current.locator('.notice', { hasText: 'Validating every row…' }).waitFor();
        await current.getByRole('status').getByText(/Checked 0 rows…/).waitFor();
      });
      // No reload here: the page refreshes itself until the preview is there.
      await current.getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 30_000 });
    });

    await step('read the preview and store the valid rows only', onPage, async () => {
      const facts = await current.locator('dl.facts').innerText();
      expect(facts).toMatch(/Rows\s+4\s+Valid\s+3\s+Invalid\s+1/);
      const invalid = current.locator('section', { has: current.getByRole('heading', { name: 'Invalid rows' }) });
      expect((await invalid.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t'))).toEqual([['4', 'Reading', expect.stringContaining('n/a')]]);
      await expect(current.getByRole('button', { name: 'Store all 3 readings' }).isDisabled()).resolves.toBe(true);
      await current.getByRole('button', { name: 'Store the 3 valid rows only' }).click();
      // The page refreshes itself while the rows are stored.
      await current.locator('.badge-committed').waitFor({ timeout: 30_000 });
      expect(await current.locator('dl.facts').innerText()).toMatch(/Rows\s+4\s+Valid\s+3\s+Invalid\s+1\s+Duplicates \(already stored or repeated\)\s+0\s+Stored\s+3/);
    });

    await step('find the readings on the meter’s page, not yet billed', onPage, async () => {
      await nav(current, 'Customers').click();
      await current.getByRole('link', { name: 'Colo Rack 7' }).click();
      await current.locator(`a[href="/staff/meters/${meter.id}"]`).first().click();
      await current.getByRole('heading', { name: 'Meter power' }).waitFor();
      const rows = (await current.locator('table.readings tbody tr').allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));
      // Newest first; the register's first reading is its baseline; 1.4 MWh is 1400 kWh.
      expect(rows).toEqual([
        ['22 Apr 2026, 08:30 CEST', '1400', '219.5', 'import', 'not yet'],
        ['8 Apr 2026, 08:30 CEST', '1180.5', '180.5', 'import', 'not yet'],
        ['1 Apr 2026, 08:30 CEST', '1000', '0', 'import', 'not yet'],
      ]);
      await expect(current.locator('.previous-reading').innerText()).resolves.toBe('Previous reading: 1400 kWh at 22 Apr 2026, 08:30 CEST');
    });

    expect(pageErrors).toEqual([]);
  });
});
