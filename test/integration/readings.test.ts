// recordReadings on Postgres: what a reading consumes is fixed once, against the reading that
// really came before it, however the calls arrive: many at once on one register, the same
// instant written with different offsets, duplicates inside one call, readings of several meters.
import type { Client } from '@temporalio/client';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, meterReadings } from '../../db/schema.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ValidationError } from '../../server/services/errors.js';
import { createMeter, getMeter } from '../../server/services/readings/meters.js';
import { parseReadAt } from '../../server/services/readings/read-at.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let ctx: ServiceContext;
let customerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // Readings never involve the account workflow.
  ctx = { db: database.handle.db, temporal: undefined as unknown as Client };
  const [customer] = await ctx.db.insert(customers).values({ name: 'Register Reader', email: 'register@example.net', currency: 'EUR' }).returning();
  customerId = customer!.id;
});
afterAll(() => database?.dispose());

const stored = (meterId: string) =>
  ctx.db.select({ value: meterReadings.value, consumption: meterReadings.consumption }).from(meterReadings).where(eq(meterReadings.meterId, meterId)).orderBy(asc(meterReadings.readAt));

describe('reading times', () => {
  it('takes Z and offsets, to the microsecond, and refuses times without a clock or that do not exist', () => {
    expect(parseReadAt('2026-03-01T09:00:00+01:00')).toEqual({ ok: true, readAt: '2026-03-01T08:00:00.000000Z' });
    expect(parseReadAt('2026-03-01T08:00:00.123456Z')).toEqual({ ok: true, readAt: '2026-03-01T08:00:00.123456Z' });
    expect(parseReadAt('2026-03-01T02:30-0630')).toEqual({ ok: true, readAt: '2026-03-01T09:00:00.000000Z' });
    for (const refused of ['2026-03-01T09:00:00', '2026-03-01', '2026-02-30T00:00:00Z', '2026-03-01T24:00:00Z', 'yesterday', 1_772_352_000]) {
      expect(parseReadAt(refused).ok).toBe(false);
    }
  });
});

describe('recordReadings', () => {
  it('serialises concurrent calls on one register: consumption always continues from the stored reading before', async () => {
    const meter = await createMeter(ctx, { customerId, key: 'concurrent', unit: 'kWh', kind: 'cumulative' });
    // Eight calls, each a run of readings later than the one before; they race for the meter.
    const calls = Array.from({ length: 8 }, (_, call) =>
      Array.from({ length: 50 }, (_, i) => {
        const n = call * 50 + i;
        return { meterId: meter.id, readAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(), value: String(n * 3) };
      }),
    );
    const results = await Promise.all(calls.map((readings) => recordReadings(ctx.db, readings, 'api')));
    const accepted = results.reduce((sum, result) => sum + result.accepted, 0);
    const refused = results.flatMap((result) => result.errors);
    expect(accepted + refused.length).toBe(400);
    // A call that lost the race is refused as out of order, never stored with a wrong difference.
    for (const error of refused) expect(error.message).toContain("at or before the meter's latest reading");
    const rows = await stored(meter.id);
    expect(rows).toHaveLength(accepted);
    rows.forEach((row, i) => expect(Number(row.consumption)).toBe(i === 0 ? 0 : Number(row.value) - Number(rows[i - 1]!.value)));
  });

  it('recognises the same instant written with another offset, and duplicates within one call', async () => {
    const meter = await createMeter(ctx, { customerId, key: 'offsets', unit: 'GB', kind: 'delta' });
    const result = await recordReadings(
      ctx.db,
      [
        { meterId: meter.id, readAt: '2026-05-01T12:00:00+02:00', value: '4' },
        { meterId: meter.id, readAt: '2026-05-01T10:00:00Z', value: 4 },
        { meterId: meter.id, readAt: '2026-05-01T10:00:00.000Z', value: '5' },
      ],
      'api',
    );
    expect(result).toEqual({ accepted: 1, duplicates: 1, errors: [{ index: 2, field: 'readAt', message: expect.stringContaining('already in this call with the value 4 GB') }] });
    expect((await getMeter(ctx, meter.id)).latestReading).toMatchObject({ readAt: '2026-05-01T10:00:00.000000Z', value: '4', consumption: '4' });
  });

  it('takes a delta meter’s readings in any order, converts units, and refuses a replacement of a delta meter', async () => {
    const meter = await createMeter(ctx, { customerId, key: 'minutes', unit: 'min', kind: 'delta' });
    const result = await recordReadings(
      ctx.db,
      [
        { meterId: meter.id, readAt: '2026-06-02T00:00:00Z', value: '2', unit: 'h' },
        { meterId: meter.id, readAt: '2026-06-01T00:00:00Z', value: '90', unit: 'seconds' },
        { meterId: meter.id, readAt: '2026-06-03T00:00:00Z', value: '1', replacement: true },
      ],
      'manual',
    );
    expect(result.accepted).toBe(2);
    expect(result.errors).toEqual([{ index: 2, field: 'replacement', message: expect.stringContaining('delta') }]);
    expect(await stored(meter.id)).toEqual([
      { value: '1.5', consumption: '1.5' },
      { value: '120', consumption: '120' },
    ]);
  });

  it('stores the readings of several meters in one call, each against its own previous reading', async () => {
    const gas = await createMeter(ctx, { customerId, key: 'gas', unit: 'kWh', kind: 'cumulative' });
    const water = await createMeter(ctx, { customerId, key: 'water', unit: 'kWh', kind: 'cumulative', registerMax: '999' });
    const result = await recordReadings(
      ctx.db,
      [
        { meterId: water.id, readAt: '2026-07-02T00:00:00Z', value: '10' },
        { meterId: gas.id, readAt: '2026-07-02T00:00:00Z', value: '150' },
        { meterId: water.id, readAt: '2026-07-01T00:00:00Z', value: '990' },
        { meterId: gas.id, readAt: '2026-07-01T00:00:00Z', value: '100' },
      ],
      'api',
    );
    expect(result).toEqual({ accepted: 4, duplicates: 0, errors: [] });
    expect(await stored(gas.id)).toEqual([{ value: '100', consumption: '0' }, { value: '150', consumption: '50' }]);
    // 999 + 1 - 990 + 10: the register rolled over.
    expect(await stored(water.id)).toEqual([{ value: '990', consumption: '0' }, { value: '10', consumption: '20' }]);
  });

  it('refuses a call that is not a list, or of more than 10,000 readings, before looking at any', async () => {
    await expect(recordReadings(ctx.db, { meterId: 'x' }, 'api')).rejects.toBeInstanceOf(ValidationError);
    await expect(recordReadings(ctx.db, new Array(10_001).fill({}), 'api')).rejects.toThrow(/readings: must hold at most 10,000/);
  });
});
