// `uplink rates`, `meters` and `readings` as a script runs them: each a child process against a
// Postgres database of its own (these commands never need Temporal). --json prints the REST API's
// shapes; refused input exits 3 naming the field and stores nothing; unknown ids exit 4.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { customers, meterReadings, meters, rates } from '../../db/schema.js';
import { pageOf, recordedReadingsWire } from '../../portal/api/wire-schemas.server.js';
import { meterWire } from '../../server/views/meter-json.js';
import { rateWire } from '../../server/views/rate-json.js';
import { readingWire } from '../../server/views/reading-json.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { jsonOf, runUplink } from './run-uplink.js';

let database: TestDatabase;
let folder: string;
let customerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  folder = await mkdtemp(join(tmpdir(), 'uplink-consumption-'));
  const [customer] = await database.handle.db.insert(customers).values({ name: 'CLI Reader', email: 'cli@example.net', currency: 'EUR' }).returning();
  customerId = customer!.id;
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await database?.dispose();
});

const uplink = (args: string[], stdin?: string) => runUplink(args, { env: { DATABASE_URL: database.url }, stdin });

function expectApiShape(schema: z.ZodObject, value: unknown): void {
  expect(schema.strict().safeParse(value).error?.issues ?? []).toEqual([]);
}

async function rows() {
  const { db } = database.handle;
  const n = async (table: typeof rates | typeof meters | typeof meterReadings) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { rates: await n(rates), meters: await n(meters), readings: await n(meterReadings) };
}

const components = [
  { type: 'fixed', name: 'Port', amount: 1500 },
  { type: 'volume', name: 'Transit', meter: 'data', ranges: [{ upTo: 1000, unitAmountDecimal: '0.5' }, { upTo: null, unitAmountDecimal: '0.25' }] },
];

describe('uplink rates', () => {
  it('creates a rate from a components file and from stdin, and lists them', async () => {
    const file = join(folder, 'components.json');
    await writeFile(file, JSON.stringify(components));
    const fromFile = jsonOf(await uplink(['rates', 'create', '--name', 'Transit', '--currency', 'EUR', '--components', file, '--json']));
    expectApiShape(rateWire, fromFile);
    expect(fromFile).toMatchObject({ name: 'Transit', currency: 'EUR', components, revenueAccountCode: '4100' });

    const fromStdin = jsonOf(await uplink(['rates', 'create', '--name', 'Piped', '--currency', 'EUR', '--components', '-', '--json'], JSON.stringify(components)));
    expect(fromStdin).toMatchObject({ name: 'Piped', components });

    const listed = jsonOf<{ items: { id: string }[]; nextCursor: string | null }>(await uplink(['rates', 'list', '--json']));
    expectApiShape(pageOf(rateWire), listed);
    expect(listed.items.map((rate) => rate.id)).toEqual([fromStdin.id, fromFile.id]);

    const human = await uplink(['rates', 'list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Transit\s+EUR\s+Port \(fixed\), Transit \(volume\)/);
  });

  it('refuses bad components with their paths, unreadable files and bad JSON, storing nothing', async () => {
    const before = await rows();
    const bad = await uplink(
      ['rates', 'create', '--name', 'Bad', '--currency', 'EUR', '--components', '-'],
      JSON.stringify([{ type: 'stepped', name: 'Data', meter: 'data', ranges: [{ upTo: null, unitAmountDecimal: '0.1234567' }] }]),
    );
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('components[0].ranges[0].unitAmountDecimal: must be a decimal string of minor units, 0 or more, with at most 6 decimals');

    const missing = await uplink(['rates', 'create', '--name', 'Bad', '--currency', 'EUR', '--components', join(folder, 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('cannot read');

    const notJson = await uplink(['rates', 'create', '--name', 'Bad', '--currency', 'EUR', '--components', '-'], '[{');
    expect(notJson.code).toBe(3);
    expect(notJson.stderr).toContain('stdin is not valid JSON');

    const usage = await uplink(['rates', 'create', '--name', 'Bad']);
    expect(usage.code).toBe(2);
    expect(await rows()).toEqual(before);
  });
});

describe('uplink meters and readings', () => {
  it('creates meters, lists them by customer, and records and lists readings', async () => {
    const meter = jsonOf<{ id: string }>(
      await uplink(['meters', 'create', '--customer', customerId, '--key', 'data', '--unit', 'GB', '--kind', 'cumulative', '--register-max', '99999', '--json']),
    );
    expectApiShape(meterWire, meter);
    expect(meter).toMatchObject({ customerId, key: 'data', unit: 'GB', kind: 'cumulative', registerMax: '99999', base: 1000 });

    const listed = jsonOf<{ items: { id: string }[] }>(await uplink(['meters', 'list', '--customer', customerId, '--json']));
    expectApiShape(pageOf(meterWire), listed);
    expect(listed.items.map((item) => item.id)).toEqual([meter.id]);

    const first = jsonOf(await uplink(['readings', 'add', '--meter', meter.id, '--at', '2026-05-01T00:00:00Z', '--value', '100', '--json']));
    expectApiShape(recordedReadingsWire, first);
    expect(first).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    const second = await uplink(['readings', 'add', '--meter', meter.id, '--at', '2026-05-02T00:00:00+02:00', '--value', '102500', '--unit', 'MB']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Recorded 102500 MB on meter "data"');
    const again = await uplink(['readings', 'add', '--meter', meter.id, '--at', '2026-05-01T00:00:00Z', '--value', '100']);
    expect(again.stdout).toContain('already stored');

    const readings = jsonOf<{ items: { value: string; consumption: string }[] }>(await uplink(['readings', 'list', '--meter', meter.id, '--json']));
    expectApiShape(pageOf(readingWire), readings);
    expect(readings.items.map((reading) => [reading.value, reading.consumption])).toEqual([['102.5', '2.5'], ['100', '0']]);

    const human = await uplink(['readings', 'list', '--meter', meter.id]);
    expect(human.stdout).toMatch(/2026-05-01T22:00:00\.000Z\s+102\.5\s+2\.5\s+manual\s+no/);
  });

  it('refuses bad meters and readings with exit 3, unknown meters with exit 4, storing nothing', async () => {
    const meter = jsonOf<{ id: string }>(await uplink(['meters', 'create', '--customer', customerId, '--key', 'voice', '--unit', 'min', '--kind', 'delta', '--json']));
    const before = await rows();

    const duplicate = await uplink(['meters', 'create', '--customer', customerId, '--key', 'voice', '--unit', 'min', '--kind', 'delta']);
    expect(duplicate.code).toBe(3);
    expect(duplicate.stderr).toContain('the customer already has a meter with the key "voice"');
    const badBase = await uplink(['meters', 'create', '--customer', customerId, '--key', 'x', '--unit', 'GB', '--kind', 'delta', '--base', 'big']);
    expect(badBase.code).toBe(3);
    expect(badBase.stderr).toContain('error: base: must be a whole number');

    const noOffset = await uplink(['readings', 'add', '--meter', meter.id, '--at', '2026-05-01 10:00', '--value', '3']);
    expect(noOffset.code).toBe(3);
    expect(noOffset.stderr).toContain('error: at: must be an ISO date-time with Z or an offset');
    const wrongUnit = await uplink(['readings', 'add', '--meter', meter.id, '--at', '2026-05-01T10:00:00Z', '--value', '3', '--unit', 'GB']);
    expect(wrongUnit.code).toBe(3);
    expect(wrongUnit.stderr).toMatch(/error: unit: .*GB.*min/);

    const unknown = await uplink(['readings', 'list', '--meter', '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('meter 0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30 does not exist');
    expect(await rows()).toEqual(before);
  });
});
