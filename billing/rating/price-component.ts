// Prices one rate component for one stretch of days. One pricing per component type, each in its
// own file; this table maps a type to it, so adding a type is adding a file and a row.
import { money } from '../money.js';
import type { BaseCharge, ComponentCharge, PricingInput } from './component-charge.js';
import { isConsumptionComponent, type RateComponent, type RateComponentType } from './components.js';
import { parseQuantity } from './decimals.js';
import { priceFixed } from './fixed.js';
import { minimumTopUp } from './minimum.js';
import { pricePackage } from './package.js';
import { pricePerDay } from './per-day.js';
import { assertSegmentDays } from './share-of-cycle.js';
import { priceStepped } from './stepped.js';
import { componentProblems } from './validate-components.js';
import { priceVolume } from './volume.js';

export type { BaseCharge, ComponentCharge, PricingInput, RangeCharge } from './component-charge.js';

const PRICINGS: { [T in RateComponentType]: (component: Extract<RateComponent, { type: T }>, input: PricingInput) => BaseCharge } = {
  fixed: priceFixed,
  per_day: pricePerDay,
  stepped: priceStepped,
  volume: priceVolume,
  package: pricePackage,
};

/**
 * The charge of `component` for a segment of a billing cycle, and the top-up to its minimum.
 * Throws, naming the field, on a component that fails validation or on impossible input.
 */
export function priceComponent(component: RateComponent, input: PricingInput): ComponentCharge {
  const problems = componentProblems(component, 'component');
  if (problems.length > 0) {
    const name = typeof component?.name === 'string' ? ` "${component.name}"` : '';
    throw new Error(`Invalid rate component${name}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
  money(0n, input.currency); // refuses an invalid currency before any pricing
  assertSegmentDays(input.cycleDays, input.daysBeforeSegment, input.activeDays);
  const consumption = isConsumptionComponent(component);
  if (consumption) parseQuantity(input.consumption, 'consumption');
  const price = PRICINGS[component.type] as (component: RateComponent, input: PricingInput) => BaseCharge;
  const charge = price(component, input);
  const topUp = consumption ? minimumTopUp(component.minimumAmount, charge.amount, input) : money(0n, input.currency);
  return { ...charge, minimumTopUp: topUp };
}
