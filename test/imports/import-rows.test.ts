// The import pipeline on real Postgres, through the services the portal, API and CLI share:
// every kind of bad row reported with its line, column and reason; all-or-nothing stores
// nothing; valid_only stores the rest and hands back exactly the bad lines; nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterReadings } from '../../db/schema.js';
import { ValidationError } from '../../server/services/errors.js';
import { commitImport, commitResult } from '../../server/services/imports/import-commit.js';
import { listInvalidRows, rejectedRowsCsv } from '../../server/services/imports/import-errors.js';
import { getImport } from '../../server/services/imports/import-records.js';
import { createImport } from '../../server/services/imports/import-upload.js';
import { validateImport } from '../../server/services/imports/import-validate.js';
import type { ServiceContext } from '../../server/services/context.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { bytesOf, importContext, insertCustomerWithMeters, readingCount, storedReadings } from './import-fixtures.js';

let database: TestDatabase;
let ctx: ServiceContext;
let data: { id: string };
let voice: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = importContext(database.handle.db);
  const setup = await insertCustomerWithMeters(ctx.db, 'grace@customer.test', [
    { kind: 'cumulative', unit: 'GB', key: 'data' },
    { kind: 'delta', unit: 'min', key: 'voice' },
  ]);
  data = setup.meters[0]!;
  voice = setup.meters[1]!;
  await ctx.db.insert(meterReadings).values([
    { meterId: data.id, readAt: '2026-01-01T00:00:00Z', value: '100', consumption: '0', source: 'manual' },
    { meterId: voice.id, readAt: '2026-01-05T00:00:00Z', value: '10', consumption: '10', source: 'manual' },
  ]);
});
afterAll(() => database?.dispose());

const mapping = { meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value', unitColumn: 'unit' };

async function importText(text: string, fileName = 'readings.csv', source = 'router-exports') {
  const uploaded = await createImport(ctx, { fileName, source, bytes: bytesOf(text) });
  return validateImport(ctx, uploaded.id, { mapping });
}

async function csvText(id: string): Promise<string> {
  const { lines } = await rejectedRowsCsv(ctx, id);
  let text = '';
  for await (const line of lines) text += line;
  return text;
}

describe('a file with every kind of bad row', () => {
  const unknownMeter = '00000000-0000-4000-8000-000000000000';
  const file = () =>
    [
      'meter,time,value,unit',
      `${data.id},2026-02-01T00:00:00Z,150,GB`,
      `${unknownMeter},2026-02-01T00:00:00Z,1,GB`,
      `${data.id},not a date,1,GB`,
      `${data.id},2026-02-02T00:00:00Z,abc,GB`,
      `${data.id},2026-02-03T00:00:00Z,160,min`,
      `${data.id},2026-02-04T00:00:00Z`,
      `${data.id},2026-02-05T00:00:00Z,140,GB`,
      `${data.id},2026-02-06T00:00:00Z,170000,MB`,
      `${voice.id},2026-01-05T00:00:00Z,12,min`,
      `${data.id},2025-12-31T00:00:00Z,90,GB`,
      `${voice.id},2026-02-01T00:00:00Z,120,s`,
      `${voice.id},2026-02-01T00:00:00Z,2,min`,
      `${voice.id},2026-02-01T00:00:00Z,3,min`,
    ].join('\n') + '\n';

  it('reports each with line, column and reason, refuses an all-or-nothing commit, and stores nothing', async () => {
    const before = await readingCount(ctx.db);
    const validated = await importText(file());
    expect(validated.status).toBe('validated');
    expect({ total: validated.totalRows, valid: validated.validRows, invalid: validated.invalidRows, duplicate: validated.duplicateRows }).toEqual({
      total: 13,
      valid: 3,
      invalid: 9,
      duplicate: 1,
    });

    const invalid = await listInvalidRows(ctx, validated.id, { limit: 100 });
    const byLine = Object.fromEntries(invalid.items.map((row) => [row.line, row]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 10, 11, 14]);
    expect(byLine[3]).toMatchObject({ column: 'meter', reason: expect.stringContaining(unknownMeter) });
    expect(byLine[4]).toMatchObject({ column: 'time' });
    expect(byLine[5]).toMatchObject({ column: 'value' });
    expect(byLine[6]).toMatchObject({ column: 'unit', reason: expect.stringMatching(/cannot convert "min".*"GB"/) });
    expect(byLine[7]).toMatchObject({ column: null, reason: 'the row has 2 cells, the file has 4 columns' });
    expect(byLine[8]).toMatchObject({ column: 'value', reason: expect.stringContaining('below the previous reading 150') });
    expect(byLine[10]).toMatchObject({ column: 'value', reason: 'a reading of 10 is already stored for this meter at this time' });
    expect(byLine[11]).toMatchObject({ column: 'time', reason: expect.stringContaining("at or before the meter's latest stored reading (100 at 2026-01-01T00:00:00Z)") });
    expect(byLine[14]).toMatchObject({ column: 'value', reason: 'line 12 has another value (2) for the same meter and time' });
    for (const row of invalid.items) expect(row.reason.length).toBeGreaterThan(5);

    await expect(commitImport(ctx, validated.id)).rejects.toThrow(ValidationError);
    await expect(commitImport(ctx, validated.id)).rejects.toThrow(/9 of 13 rows are invalid, so nothing was stored/);
    expect(await readingCount(ctx.db)).toBe(before);
    expect((await getImport(ctx, validated.id)).status).toBe('validated');
  });

  it('valid_only stores the valid rows with their consumption, and the rejected CSV lists exactly the bad lines', async () => {
    const validated = await importText(file());
    const committed = await commitImport(ctx, validated.id, { mode: 'valid_only' });
    expect(commitResult(committed)).toEqual({ accepted: 3, duplicates: 1, rejected: 9 });

    // 170000 MB is 170 GB; line 8's 140 was refused, so it is measured against 150, not 140.
    expect(await storedReadings(ctx.db, data.id)).toEqual([
      expect.objectContaining({ readAt: '2026-01-01T00:00:00Z', value: '100', source: 'manual' }),
      expect.objectContaining({ readAt: '2026-02-01T00:00:00Z', value: '150', consumption: '50', source: 'import', importId: validated.id }),
      expect.objectContaining({ readAt: '2026-02-06T00:00:00Z', value: '170', consumption: '20', source: 'import', importId: validated.id }),
    ]);
    expect(await storedReadings(ctx.db, voice.id)).toEqual([
      expect.objectContaining({ readAt: '2026-01-05T00:00:00Z', value: '10' }),
      expect.objectContaining({ readAt: '2026-02-01T00:00:00Z', value: '2', consumption: '2', source: 'import' }),
    ]);

    const csv = (await csvText(validated.id)).trimEnd().split('\r\n');
    expect(csv[0]).toBe('line,column,reason,meter,time,value,unit');
    expect(csv.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([3, 4, 5, 6, 7, 8, 10, 11, 14]);
    expect(csv[1]).toContain('00000000-0000-4000-8000-000000000000,2026-02-01T00:00:00Z,1,GB');

    // Committing again answers the same and stores nothing more.
    const count = await readingCount(ctx.db);
    expect(commitResult(await commitImport(ctx, validated.id, { mode: 'valid_only' }))).toEqual({ accepted: 3, duplicates: 1, rejected: 9 });
    expect(await readingCount(ctx.db)).toBe(count);
  });
});

describe('the same file twice', () => {
  it('adds nothing the second time: every row is a duplicate', async () => {
    const setup = await insertCustomerWithMeters(ctx.db, 'twice@customer.test', [{ kind: 'cumulative', unit: 'kWh', key: 'power' }]);
    const meter = setup.meters[0]!;
    const text = ['meter,time,value,unit', ...[1, 2, 3, 4].map((day) => `${meter.id},2026-03-0${day}T12:00:00Z,${day * 10},kWh`)].join('\n');
    const first = await importText(text);
    expect(commitResult(await commitImport(ctx, first.id))).toEqual({ accepted: 4, duplicates: 0, rejected: 0 });
    const count = await readingCount(ctx.db);

    const second = await importText(text);
    expect({ valid: second.validRows, invalid: second.invalidRows, duplicate: second.duplicateRows }).toEqual({ valid: 0, invalid: 0, duplicate: 4 });
    expect(commitResult(await commitImport(ctx, second.id))).toEqual({ accepted: 0, duplicates: 4, rejected: 0 });
    expect(await readingCount(ctx.db)).toBe(count);
    expect((await storedReadings(ctx.db, meter.id)).map((reading) => reading.consumption)).toEqual(['0', '10', '10', '10']);
  });
});

describe('the rejected rows as CSV', () => {
  it('keeps cells and reasons that a spreadsheet would run as formulas as text', async () => {
    const text = [
      'meter,time,value,unit',
      '=HYPERLINK("http://attacker.test"),2026-02-01T00:00:00Z,1,GB',
      `${voice.id},2026-06-01T00:00:00Z,-5,min`,
      `${voice.id},@SUM(A1),1,min`,
      `${voice.id},2026-06-02T00:00:00Z,+1+1,min`,
    ].join('\n');
    const validated = await importText(text);
    expect(validated.invalidRows).toBe(4);
    const lines = (await csvText(validated.id)).trimEnd().split('\r\n');
    expect(lines[1]).toMatch(/^2,meter,"no meter has the id ""=HYPERLINK\(/);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://attacker.test"")",2026-02-01T00:00:00Z,1,GB`);
    // A plain signed number is no formula: kept as it was, so a corrected file reads it back.
    expect(lines[2]).toContain(`,-5,min`);
    expect(lines[3]).toContain(`,'@SUM(A1),1,min`);
    expect(lines[4]).toContain(`,'+1+1,min`);
    for (const line of lines.slice(1)) {
      for (const field of line.split(',')) expect(field.replace(/^"/, '')).not.toMatch(/^([=@\t\r]|[+-](?!\d+([.,]\d+)?$))/);
    }
  });
});
