// A customer's meters: rate components name a meter by its key (`data`, `voice`); readings are
// stored in the meter's unit. A cumulative meter is a register (consumption is the difference
// between readings, rolling over past `registerMax`); a delta meter's readings are consumption.
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { QUANTITY_LIMITS, parsePlainDecimal } from '../../../billing/decimal-text.js';
import { isoDateFromEpochMs } from '../../../billing/calendar.js';
import { METER_KEY } from '../../../billing/rating/field-checks.js';
import { normalizeUnit } from '../../../billing/rating/units.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../../db/errors.js';
import { meterReadings, meters } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { meterMismatchesRates } from './unit-compatibility.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';
import { readingColumns, type ReadingRecord } from './reading-rows.js';

export type Meter = typeof meters.$inferSelect;
export type MeterWithLatest = Meter & { latestReading: ReadingRecord | null };

// A register's maximum is compared with its readings, so it is held to a reading's limits.
const registerMax = z
  .union([z.number().finite(), z.string().trim()])
  .transform((value, ctx) => {
    const parsed = parsePlainDecimal(typeof value === 'number' ? String(value) : value, QUANTITY_LIMITS);
    if (parsed.ok && !parsed.negative && parsed.value !== '0') return parsed.value;
    ctx.addIssue({ code: 'custom', message: !parsed.ok && parsed.problem !== 'format' ? parsed.reason : 'must be a decimal number above 0, such as 999999999' });
    return z.NEVER;
  });

export const newMeterSchema = z
  .object({
    customerId: z.uuid('must be a customer id (a UUID)'),
    key: z.string().regex(METER_KEY, 'must start with a lowercase letter and use only a-z, 0-9, _ and -, such as "data"').max(60),
    unit: z
      .string()
      .trim()
      .min(1, 'is required, such as "GB", "min" or "kWh"')
      .max(20)
      .transform((unit) => normalizeUnit(unit)),
    kind: z.enum(['cumulative', 'delta']),
    /** The largest value the register shows before it rolls over to 0. */
    registerMax: registerMax.optional(),
    /** What a kB is for this meter's equipment. */
    base: z.union([z.literal(1000), z.literal(1024)], 'must be 1000 or 1024').default(1000),
  });

export const meterListQuerySchema = pageQuerySchema.extend({ customerId: z.uuid('must be a customer id (a UUID)').optional() });

export async function createMeter(ctx: ServiceContext, input: unknown): Promise<Meter> {
  const meter = parseInput(newMeterSchema, input);
  if (meter.registerMax !== undefined && meter.kind !== 'cumulative') {
    throw new ValidationError([{ field: 'registerMax', message: 'only a cumulative meter has a register that rolls over' }]);
  }
  const unitProblems = await meterMismatchesRates(ctx.db, meter.customerId, meter.key, meter.unit, isoDateFromEpochMs(Date.now()));
  if (unitProblems.length > 0) throw new ValidationError(unitProblems.map((message) => ({ field: 'unit', message })));
  try {
    const [created] = await ctx.db
      .insert(meters)
      .values({ customerId: meter.customerId, key: meter.key, unit: meter.unit, kind: meter.kind, base: meter.base, registerMax: meter.registerMax ?? null })
      .returning();
    if (!created) throw new Error('meter was not stored');
    return created;
  } catch (error) {
    if (isUniqueViolation(error, 'meters_customer_key')) {
      throw new ValidationError([{ field: 'key', message: `the customer already has a meter with the key "${meter.key}"` }]);
    }
    if (isForeignKeyViolation(error, 'meters_customer_id_customers_id_fk')) throw new ValidationError([{ field: 'customerId', message: 'no customer has this id' }]);
    throw error;
  }
}

/** Newest meters first, optionally one customer's. */
export async function listMeters(ctx: ServiceContext, query: z.input<typeof meterListQuerySchema>): Promise<Page<Meter>> {
  const { limit, cursor, customerId } = parseInput(meterListQuerySchema, query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const rows = await ctx.db
    .select({ meter: meters, createdAtKey: sql<string>`${meters.createdAt}::text` })
    .from(meters)
    .where(
      and(
        customerId ? eq(meters.customerId, customerId) : undefined,
        after ? sql`(${meters.createdAt}, ${meters.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(meters.createdAt), desc(meters.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.createdAtKey, id: row.meter.id }), (row) => row.meter);
}

/** Every meter of a customer, by key, each with its latest reading. */
export async function customerMeters(ctx: ServiceContext, customerId: string): Promise<MeterWithLatest[]> {
  const rows = await ctx.db.select().from(meters).where(eq(meters.customerId, customerId)).orderBy(meters.key);
  return Promise.all(rows.map(async (meter) => ({ ...meter, latestReading: await latestReading(ctx, meter.id) })));
}

export async function getMeter(ctx: ServiceContext, meterId: string): Promise<MeterWithLatest> {
  const [meter] = z.uuid().safeParse(meterId).success ? await ctx.db.select().from(meters).where(eq(meters.id, meterId)) : [];
  if (!meter) throw new NotFoundError('meter', meterId);
  return { ...meter, latestReading: await latestReading(ctx, meter.id) };
}

async function latestReading(ctx: ServiceContext, meterId: string): Promise<ReadingRecord | null> {
  const [latest] = await ctx.db.select(readingColumns).from(meterReadings).where(eq(meterReadings.meterId, meterId)).orderBy(desc(meterReadings.readAt)).limit(1);
  return (latest as ReadingRecord | undefined) ?? null;
}

/** A meter's readings, newest first. The cursor is the last reading's time: one per meter and time. */
export async function listMeterReadings(ctx: ServiceContext, meterId: string, query: z.input<typeof pageQuerySchema>): Promise<Page<ReadingRecord>> {
  const meter = await getMeter(ctx, meterId);
  const { limit, cursor } = parseInput(pageQuerySchema, query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const rows = await ctx.db
    .select({ reading: readingColumns, readAtKey: sql<string>`${meterReadings.readAt}::text` })
    .from(meterReadings)
    .where(and(eq(meterReadings.meterId, meter.id), after ? sql`${meterReadings.readAt} < ${after.key}::timestamptz` : undefined))
    .orderBy(desc(meterReadings.readAt))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.readAtKey, id: meter.id }), (row) => row.reading as ReadingRecord);
}
