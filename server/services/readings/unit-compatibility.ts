// A metered component that names its own unit can price a meter only of the same family (GB for a
// meter in MB, not minutes). Checked when a rate is assigned and when a meter is added, so the
// mismatch is refused where staff make it instead of failing the customer's next invoice.
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { isConsumptionComponent, type RateComponent } from '../../../billing/rating/components.js';
import { unitFamily } from '../../../billing/rating/units.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { customerRates, meters, rates } from '../../../db/schema.js';
import type { Database } from '../../../db/client.js';

type Queryable = Database | Transaction;

/** Why `component` cannot price a meter kept in `meterUnit`, or null when it can. */
function mismatch(component: RateComponent, meterKey: string, meterUnit: string): string | null {
  if (!isConsumptionComponent(component) || component.meter !== meterKey || !component.unit) return null;
  const wanted = unitFamily(component.unit);
  if (wanted !== null && wanted === unitFamily(meterUnit)) return null;
  return `component "${component.name}" prices ${component.unit}, which meter "${meterKey}" (in ${meterUnit}) cannot be converted to`;
}

/** The problems assigning a rate with these components would cause for the customer's meters. */
export async function rateMismatchesMeters(db: Queryable, customerId: string, components: readonly RateComponent[]): Promise<string[]> {
  const customerMeters = await db.select({ key: meters.key, unit: meters.unit }).from(meters).where(eq(meters.customerId, customerId));
  return customerMeters.flatMap((meter) => components.map((component) => mismatch(component, meter.key, meter.unit)).filter((problem) => problem !== null));
}

/** The problems a new meter would cause for the rates the customer is on, or will be. */
export async function meterMismatchesRates(db: Queryable, customerId: string, meterKey: string, meterUnit: string, today: string): Promise<string[]> {
  const current = await db
    .select({ components: rates.components })
    .from(customerRates)
    .innerJoin(rates, eq(rates.id, customerRates.rateId))
    .where(and(eq(customerRates.customerId, customerId), or(isNull(customerRates.endedOn), gt(customerRates.endedOn, today))));
  return current.flatMap(({ components }) => components.map((component) => mismatch(component, meterKey, meterUnit)).filter((problem) => problem !== null));
}
