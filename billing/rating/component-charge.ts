// What pricing one rate component for one stretch of days produces: the line's quantity, price,
// amount (rounded once) and, for stepped and volume prices, how each range contributed.
import type { Money } from '../money.js';

/** One range's part of a stepped or volume charge. */
export interface RangeCharge {
  from: string;
  upTo: string | null;
  units: string;
  unitAmountDecimal: string;
  /** The range's flat amount when it was charged; null when the range has none. */
  flatAmount: Money | null;
  /** units × unitAmountDecimal + flat amount, exact decimal minor units, not rounded. */
  amount: string;
}

export interface ComponentCharge {
  /** For people: "Data — 12.5 GB: 10 GB at 0.005 EUR, 2.5 GB at 0.0025 EUR", "Line rental (15 of 30 days)". */
  description: string;
  /** Decimal string: the consumption, the active days for per_day, "1" for fixed. */
  quantity: string;
  /** "days" for per_day, null for fixed, the input's unit (the meter's) for consumption. */
  unit: string | null;
  /** The one unit price when there is one: per package, the holding volume range's, fixed and per-day amounts. */
  unitAmountDecimal: string | null;
  /** The component's charge, rounded once, half-even, to minor units. */
  amount: Money;
  /** The stepped or volume breakdown (empty for zero consumption); null for other types. */
  ranges: RangeCharge[] | null;
  /** What brings the charge up to its prorated minimum: a separate line; zero when none is due. */
  minimumTopUp: Money;
}

export interface PricingInput {
  /** The segment's consumption in the meter's unit, a plain decimal; ignored by fixed and per_day. */
  consumption: string;
  /** Days of service in the segment. */
  activeDays: number;
  /** Days in the whole billing cycle the segment belongs to. */
  cycleDays: number;
  /** Days of the cycle before the segment starts: 0 for a segment starting with the cycle. */
  daysBeforeSegment: number;
  currency: string;
  /** The meter's unit, shown in the description and returned as the charge's unit. */
  unit?: string | null;
}

/** A charge before its minimum is considered: what each component type's pricing returns. */
export type BaseCharge = Omit<ComponentCharge, 'minimumTopUp'>;
