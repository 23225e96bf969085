// What happens between validating a file and committing it, when others act on the same import
// or the same meters: readings recorded meanwhile never make a register count twice and are
// never silently dropped, and two steps of one import never run under each other.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterReadings, readingImports } from '../../db/schema.js';
import { ValidationError } from '../../server/services/errors.js';
import { commitImport, commitResult, prepareCommit } from '../../server/services/imports/import-commit.js';
import { listInvalidRows } from '../../server/services/imports/import-errors.js';
import { getImport } from '../../server/services/imports/import-records.js';
import { createImport } from '../../server/services/imports/import-upload.js';
import { prepareValidation, runValidation, validateImport } from '../../server/services/imports/import-validate.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';
import type { ServiceContext } from '../../server/services/context.js';
import { withMetersLocked } from '../support/meters-locked.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { bytesOf, importContext, insertCustomerWithMeters, readingCount, storedReadings } from './import-fixtures.js';

let database: TestDatabase;
let ctx: ServiceContext;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = importContext(database.handle.db);
});
afterAll(() => database?.dispose());

const mapping = { meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value' };

async function upload(meterId: string, rows: [string, string][]) {
  const text = ['meter,time,value', ...rows.map(([time, value]) => `${meterId},${time},${value}`)].join('\n');
  return createImport(ctx, { fileName: 'readings.csv', source: 'races', bytes: bytesOf(text) });
}

async function meter(email: string, kind: 'cumulative' | 'delta') {
  const { meters } = await insertCustomerWithMeters(ctx.db, email, [{ kind, unit: 'kWh', key: 'power' }]);
  return meters[0]!;
}

describe('a register reading recorded while the file is validated', () => {
  it('refuses the commit (validate again) rather than count the consumption twice, then commits against the new reading', async () => {
    const register = await meter('register-race@customer.test', 'cumulative');
    await ctx.db.insert(meterReadings).values({ meterId: register.id, readAt: '2026-01-01T00:00:00Z', value: '100', consumption: '0', source: 'manual' });
    const uploaded = await upload(register.id, [
      ['2026-02-01T00:00:00Z', '150'],
      ['2026-02-02T00:00:00Z', '160'],
    ]);

    // A reading of 120 is being recorded (its transaction began) before validation, and lands after it.
    let land!: () => void;
    const landing = new Promise<void>((resolve) => (land = resolve));
    let began!: () => void;
    const started = new Promise<void>((resolve) => (began = resolve));
    const recording = ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select id from meters where id = ${register.id} for update`);
      await tx.insert(meterReadings).values({ meterId: register.id, readAt: '2026-01-15T00:00:00Z', value: '120', consumption: '20', source: 'api' });
      began();
      await landing;
    });
    await started;
    const validated = await validateImport(ctx, uploaded.id, { mapping });
    expect({ valid: validated.validRows, invalid: validated.invalidRows }).toEqual({ valid: 2, invalid: 0 });
    land();
    await recording;

    const before = await readingCount(ctx.db);
    await expect(commitImport(ctx, validated.id)).rejects.toThrow(/stored after it was validated.*line 2.*validate the file again/);
    expect(await readingCount(ctx.db)).toBe(before);
    const refused = await getImport(ctx, validated.id);
    expect(refused.status).toBe('validated');
    expect(refused.failureReason).toMatch(/nothing was stored/);

    const again = await validateImport(ctx, validated.id, { mapping });
    expect(commitResult(await commitImport(ctx, again.id))).toEqual({ accepted: 2, duplicates: 0, rejected: 0 });
    expect((await storedReadings(ctx.db, register.id)).map((reading) => [reading.value, reading.consumption])).toEqual([
      ['100', '0'],
      ['120', '20'],
      ['150', '30'],
      ['160', '10'],
    ]);
  });
});

describe('a reading stored at one of the file’s meters and times after validation', () => {
  it('with another value: refuses all-or-nothing naming the line, and valid_only rejects that row; with the same value: a duplicate', async () => {
    const delta = await meter('delta-race@customer.test', 'delta');
    const uploaded = await upload(delta.id, [
      ['2026-03-01T00:00:00Z', '5'],
      ['2026-03-02T00:00:00Z', '7'],
      ['2026-03-03T00:00:00Z', '4'],
    ]);
    const validated = await validateImport(ctx, uploaded.id, { mapping });
    expect(validated.validRows).toBe(3);
    const recorded = await recordReadings(
      ctx.db,
      [
        { meterId: delta.id, readAt: '2026-03-02T00:00:00Z', value: '9' },
        { meterId: delta.id, readAt: '2026-03-03T00:00:00Z', value: '4' },
      ],
      'api',
    );
    expect(recorded.accepted).toBe(2);
    const before = await readingCount(ctx.db);

    const refusal = await commitImport(ctx, validated.id).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).problems).toEqual([{ field: 'file', message: expect.stringMatching(/^line 3: another value was stored/) }]);
    expect(await readingCount(ctx.db)).toBe(before);

    const committed = await commitImport(ctx, validated.id, { mode: 'valid_only' });
    expect(commitResult(committed)).toEqual({ accepted: 1, duplicates: 1, rejected: 1 });
    const invalid = await listInvalidRows(ctx, validated.id, { limit: 10 });
    expect(invalid.items).toEqual([
      expect.objectContaining({ line: 3, column: 'value', reason: 'a reading of 9 was stored for this meter at this time after the file was validated' }),
    ]);
    expect((await storedReadings(ctx.db, delta.id)).map((reading) => [reading.readAt, reading.value, reading.source])).toEqual([
      ['2026-03-01T00:00:00Z', '5', 'import'],
      ['2026-03-02T00:00:00Z', '9', 'api'],
      ['2026-03-03T00:00:00Z', '4', 'api'],
    ]);
  });
});

describe('two steps of one import', () => {
  it('a second validation is refused while one runs, and the running one completes with every row', async () => {
    const delta = await meter('double-validation@customer.test', 'delta');
    const uploaded = await upload(delta.id, [
      ['2026-04-01T00:00:00Z', '1'],
      ['2026-04-02T00:00:00Z', '2'],
    ]);
    const first = await prepareValidation(ctx, uploaded.id, { mapping });
    await expect(prepareValidation(ctx, uploaded.id, { mapping })).rejects.toThrow(/being validated by another request/);
    await expect(commitImport(ctx, uploaded.id)).rejects.toThrow(/being validated/);
    const validated = await runValidation(ctx, first, {});
    expect({ status: validated.status, total: validated.totalRows, valid: validated.validRows }).toEqual({ status: 'validated', total: 2, valid: 2 });
  });

  it('two validations started at once: one validates, the other is refused, and the rows are staged once', async () => {
    const delta = await meter('concurrent-validation@customer.test', 'delta');
    const uploaded = await upload(delta.id, [
      ['2026-05-01T00:00:00Z', '1'],
      ['2026-05-02T00:00:00Z', '2'],
      ['2026-05-03T00:00:00Z', '3'],
    ]);
    // The meters are held still so the winner cannot finish before the other claims: then both
    // claims meet a running validation, whatever the machine's speed.
    const started = await withMetersLocked(ctx.db, async () => {
      const both = [validateImport(ctx, uploaded.id, { mapping }), validateImport(ctx, uploaded.id, { mapping })];
      await Promise.race(both.map((step) => step.then(() => undefined, () => undefined)));
      return both;
    });
    const outcomes = await Promise.allSettled(started);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ValidationError);
    expect((refused.reason as ValidationError).problems[0]?.field).toBe('status');
    expect(commitResult(await commitImport(ctx, uploaded.id))).toEqual({ accepted: 3, duplicates: 0, rejected: 0 });
  });

  it('validation is refused while the import is committed, and a commit cut off (nobody running it) can be committed again', async () => {
    const delta = await meter('cut-off-commit@customer.test', 'delta');
    const uploaded = await upload(delta.id, [['2026-06-01T00:00:00Z', '1']]);
    await validateImport(ctx, uploaded.id, { mapping });
    // The claim of a commit whose process then died: the import stays committing.
    expect((await prepareCommit(ctx, uploaded.id)).status).toBe('committing');
    await expect(validateImport(ctx, uploaded.id, { mapping })).rejects.toThrow(/being committed/);
    await expect(commitImport(ctx, uploaded.id)).rejects.toThrow(/being committed by another request/);
    // Two minutes on, with nobody holding the import, the claim counts as abandoned.
    await ctx.db.update(readingImports).set({ updatedAt: sql`now() - interval '2 minutes'` }).where(eq(readingImports.id, uploaded.id));
    expect(commitResult(await commitImport(ctx, uploaded.id))).toEqual({ accepted: 1, duplicates: 0, rejected: 0 });
    await expect(validateImport(ctx, uploaded.id, { mapping })).rejects.toThrow(/is committed/);
  });
});
