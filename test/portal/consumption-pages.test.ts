// The staff pages for rates, meters and readings against the real stack: forms posted the way a
// browser without JavaScript posts them store what they say, refuse bad input next to the field
// while storing nothing, and the pages show what is stored.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerRates, meterReadings, meters, rates } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createMeter } from '../../server/services/readings/meters.js';
import { createRate } from '../../server/services/rates/rates.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { links, visibleText } from './page-text.js';

let harness: PortalHarness;
let browser: StaffBrowser;
let customerId: string;

beforeAll(async () => {
  harness = await createPortalHarness();
  browser = new StaffBrowser(harness.url);
  await browser.signIn(await harness.newStaff());
  customerId = (await createCustomer(harness.stack.ctx, { name: 'Linus Meter', email: 'linus@example.net', currency: 'EUR' })).customer.id;
});
afterAll(() => harness?.dispose());

async function page(path: string): Promise<string> {
  const response = await browser.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.text();
}

async function tally() {
  const { db } = harness.stack.ctx;
  const n = async (table: typeof rates | typeof customerRates | typeof meters | typeof meterReadings) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { rates: await n(rates), customerRates: await n(customerRates), meters: await n(meters), readings: await n(meterReadings) };
}

/** Posts a form that must be refused (422) and store nothing; returns the page's text. */
async function refusedForm(path: string, fields: Record<string, string>): Promise<string> {
  const before = await tally();
  const response = await browser.postForm(path, fields);
  expect(response.status).toBe(422);
  expect(await tally()).toEqual(before);
  return visibleText(await response.text());
}

const component = (index: number, fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([field, value]) => [`component-${index}-${field}`, value]));

describe('rate pages', () => {
  it('creates a rate with a fixed and a stepped component typed into the form', async () => {
    await page('/staff/rates/new');
    const response = await browser.postForm('/staff/rates/new', {
      intent: 'save',
      name: 'Business data',
      currency: 'eur',
      componentCount: '3',
      ...component(0, { type: 'fixed', name: 'Port', amount: '1500' }),
      ...component(1, { type: 'stepped', name: 'Transfer', meter: 'data', ranges: '100 0\n1000 0.045 250\n- 0.03', minimumAmount: '500' }),
      ...component(2, { type: '', name: 'left blank' }),
    });
    expect(response.status).toBe(302);
    const [rate] = await harness.stack.ctx.db.select().from(rates).where(eq(rates.name, 'Business data'));
    expect(rate?.currency).toBe('EUR');
    expect(rate?.components).toEqual([
      { type: 'fixed', name: 'Port', amount: 1500 },
      {
        type: 'stepped',
        name: 'Transfer',
        meter: 'data',
        minimumAmount: 500,
        ranges: [
          { upTo: 100, unitAmountDecimal: '0' },
          { upTo: 1000, unitAmountDecimal: '0.045', flatAmount: 250 },
          { upTo: null, unitAmountDecimal: '0.03' },
        ],
      },
    ]);

    const list = visibleText(await page('/staff/rates'));
    expect(list).toContain('Business data');
    expect(list).toContain('Port: €15.00 per period');
    expect(list).toContain('up to 1000 at 0.00045 EUR + €2.50');
    expect(list).toContain('at least €5.00');
  });

  it('adds an empty component on "Add component" without storing anything, keeping what was typed', async () => {
    await page('/staff/rates/new');
    const before = await tally();
    const response = await browser.postForm('/staff/rates/new', {
      intent: 'add-component',
      name: 'Draft rate',
      currency: 'EUR',
      componentCount: '1',
      ...component(0, { type: 'per_day', name: 'Rack space', amount: '90' }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('name="component-1-type"');
    expect(html).not.toContain('name="component-2-type"');
    expect(html).toContain('value="Rack space"');
    expect(html).toContain('value="Draft rate"');
    expect(await tally()).toEqual(before);
  });

  it('refuses bad components next to their fields, storing nothing', async () => {
    await page('/staff/rates/new');
    const text = await refusedForm('/staff/rates/new', {
      intent: 'save',
      name: 'Broken rate',
      currency: 'EUR',
      componentCount: '2',
      ...component(0, { type: 'volume', name: 'Voice', meter: 'Voice', ranges: '60 0.1234567\n30 1\n- 2' }),
      ...component(1, { type: 'package', name: 'Packs', meter: 'data', packageSize: '0', amount: '100' }),
    });
    expect(text).toContain('must name a meter key: a lowercase letter, then a-z, 0-9, _ or -');
    expect(text).toContain('line 1: unitAmountDecimal must be a decimal string of minor units, 0 or more, with at most 6 decimals');
    expect(text).toContain("line 2: upTo must be greater than the previous range's upTo (60), got 30");
    expect(text).toContain('must be a number of units greater than 0');

    const unreadable = await refusedForm('/staff/rates/new', {
      intent: 'save',
      name: 'Unreadable',
      currency: 'EUR',
      componentCount: '1',
      ...component(0, { type: 'stepped', name: 'Data', meter: 'data', ranges: 'ten 0.5' }),
    });
    expect(unreadable).toContain('line 1: upTo "ten" must be a number');
  });

  it('edits a rate, and shows a 404 for an unknown one', async () => {
    const rate = await createRate(harness.stack.ctx, { name: 'Editable', currency: 'EUR', components: [{ type: 'fixed', name: 'Port', amount: 100 }] });
    const html = await page(`/staff/rates/${rate.id}`);
    expect(html).toContain('value="Port"');
    const response = await browser.postForm(`/staff/rates/${rate.id}`, {
      intent: 'save',
      name: 'Edited',
      currency: 'EUR',
      componentCount: '1',
      ...component(0, { type: 'package', name: 'Packs', meter: 'data', packageSize: '10', amount: '250', freeUnits: '5' }),
    });
    expect(response.status).toBe(302);
    const [stored] = await harness.stack.ctx.db.select().from(rates).where(eq(rates.id, rate.id));
    expect(stored).toMatchObject({ name: 'Edited', components: [{ type: 'package', name: 'Packs', meter: 'data', packageSize: 10, amount: 250, freeUnits: 5 }] });
    expect((await browser.get('/staff/rates/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30')).status).toBe(404);
  });
});

describe('the customer page and meter pages', () => {
  it('assigns a rate, then replaces it, and refuses a start before the replaced one', async () => {
    const first = await createRate(harness.stack.ctx, { name: 'Usage 2026', currency: 'EUR', components: [{ type: 'fixed', name: 'Port', amount: 100 }] });
    const second = await createRate(harness.stack.ctx, { name: 'Usage 2027', currency: 'EUR', components: [{ type: 'fixed', name: 'Port', amount: 200 }] });
    const here = `/staff/customers/${customerId}`;
    await page(here);
    expect((await browser.postForm(here, { intent: 'assign-rate', rateId: first.id, from: '2026-01-01' })).status).toBe(302);
    const [assignment] = await harness.stack.ctx.db.select().from(customerRates).where(eq(customerRates.rateId, first.id));

    const refused = await refusedForm(here, { intent: 'assign-rate', rateId: second.id, from: '2025-12-01', replaces: assignment!.id });
    expect(refused).toContain('must be after 2026-01-01');
    expect((await browser.postForm(here, { intent: 'assign-rate', rateId: second.id, from: '2027-01-01', replaces: assignment!.id })).status).toBe(302);

    const text = visibleText(await page(here));
    expect(text).toContain('Usage 2027 1 Jan 2027 current');
    expect(text).toContain('Usage 2026 1 Jan 2026 1 Jan 2027');
  });

  it('adds meters from the customer page, refusing a duplicate key, and shows each with its latest reading', async () => {
    const here = `/staff/customers/${customerId}`;
    await page(here);
    expect((await browser.postForm(here, { intent: 'add-meter', key: 'data', unit: 'GB', kind: 'cumulative', registerMax: '', base: '1000' })).status).toBe(302);
    const duplicate = await refusedForm(here, { intent: 'add-meter', key: 'data', unit: 'GB', kind: 'delta', registerMax: '', base: '1000' });
    expect(duplicate).toContain('the customer already has a meter with the key "data"');
    const delta = await refusedForm(here, { intent: 'add-meter', key: 'voice', unit: 'min', kind: 'delta', registerMax: '100', base: '1000' });
    expect(delta).toContain('only a cumulative meter has a register');

    const [meter] = await harness.stack.ctx.db.select().from(meters).where(eq(meters.customerId, customerId));
    await recordReadings(harness.stack.ctx.db, [{ meterId: meter!.id, readAt: '2026-03-01T08:00:00Z', value: '120.5' }], 'api');
    const html = await page(here);
    expect(links(html, /^\/staff\/meters\//)).toContain(`/staff/meters/${meter!.id}`);
    // The harness shows times in Europe/Berlin.
    expect(visibleText(html)).toMatch(/data \( GB \) cumulative 120\.5 GB at 1 Mar 2026, 09:00 CET/);
  });

  it('records a reading by hand under the previous one, refuses a lower one with the reason, and lists readings newest first', async () => {
    const meter = await createMeter(harness.stack.ctx, { customerId, key: 'power', unit: 'kWh', kind: 'cumulative' });
    const here = `/staff/meters/${meter.id}`;
    expect(visibleText(await page(here))).toContain('No reading yet: the first one is the baseline.');

    // A datetime-local field's time is in the installation's zone (Europe/Berlin: UTC+1 in March).
    expect((await browser.postForm(here, { readAt: '2026-03-01T09:00', value: '1000', unit: '' })).status).toBe(302);
    const afterFirst = await page(here);
    const text = visibleText(afterFirst);
    expect(text).toMatch(/Previous reading: 1000 kWh at 1 Mar 2026, 09:00 CET Read at/);

    const lower = await refusedForm(here, { readAt: '2026-03-02T09:00', value: '900', unit: '' });
    expect(lower).toContain('below the previous reading 1000');
    const otherUnit = await refusedForm(here, { readAt: '2026-03-02T09:00', value: '5', unit: 'GB' });
    expect(otherUnit).toMatch(/GB.*kWh/);
    const noTime = await refusedForm(here, { readAt: '', value: '5', unit: '' });
    expect(noTime).toContain('is required');

    expect((await browser.postForm(here, { readAt: '2026-03-02T09:00', value: '1.25', unit: 'MWh' })).status).toBe(302);
    const [stored] = await harness.stack.ctx.db.select().from(meterReadings).where(eq(meterReadings.meterId, meter.id)).orderBy(meterReadings.id);
    expect(stored).toMatchObject({ value: '1000', consumption: '0', source: 'manual', invoiceId: null });

    const list = visibleText(await page(here));
    expect(list).toMatch(/2 Mar 2026, 09:00 CET 1250 250 manual not yet 1 Mar 2026, 09:00 CET 1000 0 manual not yet/);
  });

  it('pages through readings, and shows a 404 for an unknown meter', async () => {
    const meter = await createMeter(harness.stack.ctx, { customerId, key: 'sms', unit: 'messages', kind: 'delta' });
    const readings = Array.from({ length: 30 }, (_, i) => ({ meterId: meter.id, readAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), value: String(i + 1) }));
    expect((await recordReadings(harness.stack.ctx.db, readings, 'api')).accepted).toBe(30);
    const first = await page(`/staff/meters/${meter.id}`);
    expect(visibleText(first)).toContain('30 Jan 2026');
    expect(visibleText(first)).not.toMatch(/(^|\s)1 Jan 2026,/);
    const [next] = links(first, /cursor=/);
    const second = visibleText(await page(next!));
    expect(second).toMatch(/(^|\s)1 Jan 2026,/);
    // The second page lists the oldest readings (the previous reading above the form is still the latest).
    expect(second).not.toContain('30 Jan 2026, 01:00 CET 30 30 api');
    expect((await browser.get('/staff/meters/0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30')).status).toBe(404);
  });
});
