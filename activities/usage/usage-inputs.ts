// What rating a customer's period reads from the database: the rates in force, the meters, and
// the consumption of every reading not yet billed, summed per meter and UTC day.
import { and, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { IsoDate } from '../../billing/calendar.js';
import type { CustomerMeter, DailyConsumption, RateInForce } from '../../billing/rating/period-usage.js';
import type { Database } from '../../db/client.js';
import { customerRates, meterReadings, meters, ratedUsage, rates } from '../../db/schema.js';
import type { Transaction as Tx } from '../../db/records/transaction.js';

export type Queryable = Database | Tx;

/** The customer's rate assignments that cover at least one day of [start, end). */
export async function ratesInForce(db: Queryable, customerId: string, start: IsoDate, end: IsoDate): Promise<RateInForce[]> {
  const rows = await db
    .select({
      customerRateId: customerRates.id,
      rateName: rates.name,
      currency: rates.currency,
      components: rates.components,
      revenueAccountCode: rates.revenueAccountCode,
      effectiveFrom: customerRates.effectiveFrom,
      endedOn: customerRates.endedOn,
    })
    .from(customerRates)
    .innerJoin(rates, eq(rates.id, customerRates.rateId))
    .where(
      and(
        eq(customerRates.customerId, customerId),
        lt(customerRates.effectiveFrom, end),
        or(isNull(customerRates.endedOn), gt(customerRates.endedOn, start)),
      ),
    )
    .orderBy(customerRates.effectiveFrom, customerRates.createdAt);
  return rows.map((row) => ({ ...row, effectiveFrom: row.effectiveFrom as IsoDate, endedOn: row.endedOn as IsoDate | null }));
}

/**
 * The customer's meters, locked: readings are stored under the same lock, so none can slip in
 * between summing a period's consumption and marking it billed.
 */
export async function lockCustomerMeters(tx: Tx, customerId: string): Promise<CustomerMeter[]> {
  return tx
    .select({ id: meters.id, key: meters.key, unit: meters.unit, base: meters.base })
    .from(meters)
    .where(eq(meters.customerId, customerId))
    .orderBy(meters.id)
    .for('update');
}

const utcDay = sql<string>`((${meterReadings.readAt} at time zone 'UTC')::date)::text`;

/** Unbilled consumption read before `end`, per meter and UTC day (days before the period are late). */
export async function unbilledConsumption(db: Queryable, meterIds: readonly string[], end: IsoDate): Promise<DailyConsumption[]> {
  if (meterIds.length === 0) return [];
  const rows = await db
    .select({ meterId: meterReadings.meterId, day: utcDay, consumption: sql<string>`sum(${meterReadings.consumption})::text` })
    .from(meterReadings)
    .where(
      and(
        inArray(meterReadings.meterId, [...meterIds]),
        isNull(meterReadings.invoiceId),
        lt(meterReadings.readAt, `${end}T00:00:00Z`),
      ),
    )
    .groupBy(meterReadings.meterId, utcDay);
  return rows.map((row) => ({ ...row, day: row.day as IsoDate }));
}

/** Marks the readings just rated as billed by this invoice. */
export async function claimReadings(tx: Tx, meterIds: readonly string[], end: IsoDate, invoiceId: string): Promise<void> {
  if (meterIds.length === 0) return;
  await tx
    .update(meterReadings)
    .set({ invoiceId })
    .where(
      and(
        inArray(meterReadings.meterId, [...meterIds]),
        isNull(meterReadings.invoiceId),
        lt(meterReadings.readAt, `${end}T00:00:00Z`),
      ),
    );
}

export type RatedUsageRow = typeof ratedUsage.$inferSelect & { rateName: string; revenueAccountCode: string };

/** What was already billed for the customer's consumption from `since` on, with the rate it came from. */
export async function ratedUsageSince(db: Queryable, customerId: string, since: IsoDate): Promise<RatedUsageRow[]> {
  const rows = await db
    .select({ usage: ratedUsage, rateName: rates.name, revenueAccountCode: rates.revenueAccountCode })
    .from(ratedUsage)
    .innerJoin(customerRates, eq(customerRates.id, ratedUsage.customerRateId))
    .innerJoin(rates, eq(rates.id, customerRates.rateId))
    .where(and(eq(ratedUsage.customerId, customerId), gt(ratedUsage.segmentEnd, since)));
  return rows.map((row) => ({ ...row.usage, rateName: row.rateName, revenueAccountCode: row.revenueAccountCode }));
}
