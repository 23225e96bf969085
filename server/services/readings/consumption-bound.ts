// Readings are refused when they are stored if no invoice could bill them: the meter's unbilled
// consumption with them, priced by a rate the customer is on, would make a line past the amount
// bound (billing/rating/line-bound.ts). Recording readings and committing an import both ask
// here, under the meters' locks. Rating checks every line again, for what this cannot see
// coming (a pricier rate assigned after the readings were stored).
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import { unbillableConsumption, type CustomerMeter, type RateInForce } from '../../../billing/rating/period-usage.js';
import { BillingDecimal } from '../../../billing/rounding.js';
import type { Database } from '../../../db/client.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { customerRates, meterReadings, meters, rates } from '../../../db/schema.js';

type Queryable = Database | Transaction;

/** What pricing one meter's consumption needs: the meter, the rates its customer is on, and what it has not billed yet. */
export interface MeterPricing {
  meter: CustomerMeter;
  rates: Pick<RateInForce, 'rateName' | 'currency' | 'components'>[];
  /** Consumption stored and not yet invoiced, in the meter's unit. */
  unbilled: string;
}

/** Each meter's pricing, for the rates its customer is on from `today` (and later). */
export async function loadMeterPricing(db: Queryable, meterIds: readonly string[], today: IsoDate): Promise<Map<string, MeterPricing>> {
  if (meterIds.length === 0) return new Map();
  const found = await db
    .select({ id: meters.id, key: meters.key, unit: meters.unit, base: meters.base, customerId: meters.customerId })
    .from(meters)
    .where(inArray(meters.id, [...meterIds]));
  const customerIds = [...new Set(found.map((meter) => meter.customerId))];
  const assigned =
    customerIds.length === 0
      ? []
      : await db
          .select({ customerId: customerRates.customerId, rateName: rates.name, currency: rates.currency, components: rates.components })
          .from(customerRates)
          .innerJoin(rates, eq(rates.id, customerRates.rateId))
          .where(and(inArray(customerRates.customerId, customerIds), or(isNull(customerRates.endedOn), gt(customerRates.endedOn, today))));
  const sums = await db
    .select({ meterId: meterReadings.meterId, unbilled: sql<string>`sum(${meterReadings.consumption})::text` })
    .from(meterReadings)
    .where(and(inArray(meterReadings.meterId, [...meterIds]), isNull(meterReadings.invoiceId)))
    .groupBy(meterReadings.meterId);
  const unbilled = new Map(sums.map((row) => [row.meterId, row.unbilled]));
  return new Map(
    found.map(({ customerId, ...meter }) => [
      meter.id,
      { meter, rates: assigned.filter((rate) => rate.customerId === customerId), unbilled: unbilled.get(meter.id) ?? '0' },
    ]),
  );
}

/** Why adding `consumption` to the meter's unbilled consumption could not be billed, or null. */
export function consumptionBoundProblem(pricing: MeterPricing, consumption: string): string | null {
  if (pricing.rates.length === 0) return null;
  const total = new BillingDecimal(pricing.unbilled).plus(consumption).toFixed();
  const problem = unbillableConsumption(pricing.rates, pricing.meter, total);
  return problem && `would bring the meter's unbilled consumption to a charge no invoice line can hold: ${problem}`;
}
