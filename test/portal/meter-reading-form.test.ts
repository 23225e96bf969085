// The meter page's reading form against the real stack: a time typed there is a wall-clock time
// in the installation's zone (Europe/Berlin in the harness), read by the import's rules, so a day
// or hour that does not exist is refused next to the field instead of being moved to another.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterReadings } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createMeter } from '../../server/services/readings/meters.js';
import { readAtCanonical } from '../../server/services/readings/reading-rows.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;
let here: string;
let meterId: string;

beforeAll(async () => {
  harness = await createPortalHarness();
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
  const customerId = (await createCustomer(harness.stack.ctx, { name: 'Clara Clock', email: 'clara@example.net', currency: 'EUR' })).customer.id;
  meterId = (await createMeter(harness.stack.ctx, { customerId, key: 'power', unit: 'kWh', kind: 'delta' })).id;
  here = `/staff/meters/${meterId}`;
});
afterAll(() => harness?.dispose());

const storedCount = async () =>
  (await harness.stack.ctx.db.select({ n: count() }).from(meterReadings).where(eq(meterReadings.meterId, meterId)))[0]?.n ?? 0;

/** Posts the form, which must be refused (422) storing nothing; returns the page's text. */
async function refused(fields: Record<string, string>): Promise<string> {
  const before = await storedCount();
  const response = await browser.postForm(here, { unit: '', ...fields });
  expect(response.status).toBe(422);
  expect(await storedCount()).toBe(before);
  return visibleText(await response.text());
}

describe('the reading form', () => {
  it('refuses 30 February instead of reading it as 2 March', async () => {
    const page = await refused({ readAt: '2026-02-30T10:00', value: '5' });
    expect(page).toContain("'2026-02-30T10:00' is not a real date and time (February 2026 has 28 days)");
  });

  it('refuses an hour the clocks skip in spring instead of shifting it', async () => {
    const page = await refused({ readAt: '2026-03-29T02:30', value: '5' });
    expect(page).toContain("'2026-03-29T02:30' does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time)");
  });

  it('refuses a value of more digits than a meter shows', async () => {
    const page = await refused({ readAt: '2026-03-29T03:30', value: '1'.repeat(25) });
    expect(page).toContain('has 25 digits before the decimal point; at most 20');
  });

  it('stores the first time after the spring change at its instant', async () => {
    expect((await browser.postForm(here, { readAt: '2026-03-29T03:00', value: '5', unit: '' })).status).toBe(302);
    const [stored] = await harness.stack.ctx.db.select({ readAt: readAtCanonical }).from(meterReadings).where(eq(meterReadings.meterId, meterId));
    expect(stored?.readAt).toBe('2026-03-29T01:00:00.000000Z');
  });
});
