// How long a reading's value may be, and the per-reading rules the API and the file import share:
// a value of more digits than a meter can show is refused by name (the reading's index and field,
// or the file's line and column) while the other readings are stored, and Postgres never sees it.
import type { Client } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, meterReadings } from '../../db/schema.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ValidationError } from '../../server/services/errors.js';
import { commitImport, commitResult } from '../../server/services/imports/import-commit.js';
import { listInvalidRows } from '../../server/services/imports/import-errors.js';
import { createImport } from '../../server/services/imports/import-upload.js';
import { validateImport } from '../../server/services/imports/import-validate.js';
import { createMeter } from '../../server/services/readings/meters.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';
import { bytesOf } from '../imports/import-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let ctx: ServiceContext;
let customerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // Neither readings nor imports reach the account workflow.
  ctx = { db: database.handle.db, temporal: undefined as unknown as Client };
  const [customer] = await ctx.db.insert(customers).values({ name: 'Long Numbers', email: 'digits@example.net', currency: 'EUR' }).returning();
  customerId = customer!.id;
});
afterAll(() => database?.dispose());

const storedValues = async (meterId: string) =>
  (
    await ctx.db
      .select({ value: sql<string>`${meterReadings.value}::text`, consumption: sql<string>`${meterReadings.consumption}::text`, ref: meterReadings.ref })
      .from(meterReadings)
      .where(eq(meterReadings.meterId, meterId))
      .orderBy(meterReadings.readAt)
  ).map((row) => [row.value, row.consumption, row.ref]);

const WIDEST = `${'9'.repeat(20)}.${'9'.repeat(18)}`;

describe('recordReadings', () => {
  it('refuses a value of 25 digits and one of 20,000 decimals by index and field, and stores the call’s other readings', async () => {
    const meter = await createMeter(ctx, { customerId, key: 'api-limits', unit: 'GB', kind: 'delta' });
    const result = await recordReadings(
      ctx.db,
      [
        { meterId: meter.id, readAt: '2026-03-01T00:00:00Z', value: '12.5' },
        { meterId: meter.id, readAt: '2026-03-02T00:00:00Z', value: '1'.repeat(25) },
        { meterId: meter.id, readAt: '2026-03-03T00:00:00Z', value: `1.${'5'.repeat(20_000)}` },
        { meterId: meter.id, readAt: '2026-03-04T00:00:00Z', value: 1e30 },
        { meterId: meter.id, readAt: '2026-03-05T00:00:00Z', value: WIDEST },
      ],
      'api',
    );
    expect(result).toEqual({
      accepted: 2,
      duplicates: 0,
      errors: [
        { index: 1, field: 'value', message: 'has 25 digits before the decimal point; at most 20' },
        { index: 2, field: 'value', message: 'has 20000 digits after the decimal point; at most 18' },
        { index: 3, field: 'value', message: 'has 31 digits before the decimal point; at most 20' },
      ],
    });
    expect(await storedValues(meter.id)).toEqual([
      ['12.5', '12.5', null],
      [WIDEST, WIDEST, null],
    ]);
  });

  it('stores the widest reading in another unit exactly as the meter counts it', async () => {
    const meter = await createMeter(ctx, { customerId, key: 'bytes', unit: 'B', kind: 'cumulative', base: 1024 });
    const result = await recordReadings(ctx.db, [{ meterId: meter.id, readAt: '2026-03-01T00:00:00Z', value: '9'.repeat(20), unit: 'TB' }], 'api');
    expect(result).toEqual({ accepted: 1, duplicates: 0, errors: [] });
    // 20 nines of TB are 33 digits of bytes: more than a reading may be typed with, and stored exactly.
    const bytes = ((10n ** 20n - 1n) * 1024n ** 4n).toString();
    expect(bytes).toHaveLength(33);
    expect(await storedValues(meter.id)).toEqual([[bytes, '0', null]]);
  });

  it('refuses a reference of more than 200 characters and a replacement of a delta meter', async () => {
    const meter = await createMeter(ctx, { customerId, key: 'api-rules', unit: 'min', kind: 'delta' });
    const result = await recordReadings(
      ctx.db,
      [
        { meterId: meter.id, readAt: '2026-03-01T00:00:00Z', value: '3', ref: 'r'.repeat(201) },
        { meterId: meter.id, readAt: '2026-03-02T00:00:00Z', value: '4', replacement: true },
        { meterId: meter.id, readAt: '2026-03-03T00:00:00Z', value: '5', ref: 'r'.repeat(200) },
      ],
      'api',
    );
    expect(result).toEqual({
      accepted: 1,
      duplicates: 0,
      errors: [
        { index: 0, field: 'ref', message: 'must be a text of at most 200 characters, not 201' },
        { index: 1, field: 'replacement', message: "only a cumulative meter's register is replaced; this meter counts deltas" },
      ],
    });
    expect(await storedValues(meter.id)).toEqual([['5', '5', 'r'.repeat(200)]]);
  });
});

describe('a register’s maximum', () => {
  it('is held to a reading’s limits', async () => {
    const refused = await createMeter(ctx, { customerId, key: 'huge-register', unit: 'kWh', kind: 'cumulative', registerMax: '9'.repeat(25) }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems).toEqual([{ field: 'registerMax', message: 'has 25 digits before the decimal point; at most 20' }]);
    const meter = await createMeter(ctx, { customerId, key: 'big-register', unit: 'kWh', kind: 'cumulative', registerMax: '0099999.000' });
    expect(meter.registerMax).toBe('99999');
  });
});

describe('an imported file', () => {
  it('refuses a huge number, a long reference and a replaced delta meter by line and column, and stores the valid rows', async () => {
    const delta = await createMeter(ctx, { customerId, key: 'import-delta', unit: 'GB', kind: 'delta' });
    const register = await createMeter(ctx, { customerId, key: 'import-register', unit: 'GB', kind: 'cumulative' });
    const text =
      [
        'meter,time,value,unit,ref,replaced',
        `${delta.id},2026-04-01T00:00:00Z,1.5,GB,a,no`,
        `${delta.id},2026-04-02T00:00:00Z,1.${'7'.repeat(20_000)},GB,b,no`,
        `${delta.id},2026-04-03T00:00:00Z,${'4'.repeat(25)},GB,c,no`,
        `${delta.id},2026-04-04T00:00:00Z,1E+25,GB,d,no`,
        `${delta.id},2026-04-05T00:00:00Z,2,GB,${'r'.repeat(201)},no`,
        `${delta.id},2026-04-06T00:00:00Z,3,GB,e,yes`,
        `${register.id},2026-04-01T00:00:00Z,100,GB,f,no`,
        `${register.id},2026-04-02T00:00:00Z,5,GB,g,yes`,
        `${delta.id},2026-04-07T00:00:00Z,${WIDEST},GB,h,no`,
      ].join('\n') + '\n';
    const uploaded = await createImport(ctx, { fileName: 'long-numbers.csv', source: 'limits', bytes: bytesOf(text) });
    const validated = await validateImport(ctx, uploaded.id, {
      mapping: { meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value', unitColumn: 'unit', refColumn: 'ref', replacementColumn: 'replaced' },
    });
    expect({ total: validated.totalRows, valid: validated.validRows, invalid: validated.invalidRows }).toEqual({ total: 9, valid: 4, invalid: 5 });

    const invalid = await listInvalidRows(ctx, validated.id, { limit: 100 });
    expect(invalid.items.map(({ line, column, reason }) => ({ line, column, reason }))).toEqual([
      { line: 3, column: 'value', reason: 'has 20000 digits after the decimal point; at most 18' },
      { line: 4, column: 'value', reason: 'has 25 digits before the decimal point; at most 20' },
      { line: 5, column: 'value', reason: 'has 26 digits before the decimal point; at most 20' },
      { line: 6, column: 'ref', reason: 'must be a text of at most 200 characters, not 201' },
      { line: 7, column: 'replaced', reason: "only a cumulative meter's register is replaced; this meter counts deltas" },
    ]);

    expect(commitResult(await commitImport(ctx, validated.id, { mode: 'valid_only' }))).toEqual({ accepted: 4, duplicates: 0, rejected: 5 });
    expect(await storedValues(delta.id)).toEqual([
      ['1.5', '1.5', 'a'],
      [WIDEST, WIDEST, 'h'],
    ]);
    expect(await storedValues(register.id)).toEqual([
      ['100', '0', 'f'],
      ['5', '0', 'g'],
    ]);
  });
});
