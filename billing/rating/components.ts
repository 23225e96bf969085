// The shapes of a rate and its components: the contract between the rating rules, the database
// (rates.components is stored as this JSON) and the API. Amounts are integer minor units in the
// rate's currency; unit prices are decimal strings in minor units with up to 6 decimals ("0.045").

/** One band of a stepped or volume price: units up to `upTo` (inclusive; null = no limit). */
export interface PriceRange {
  upTo: number | null;
  unitAmountDecimal: string;
  /** Charged once when consumption goes past the range's lower bound (never for zero consumption). */
  flatAmount?: number;
}

/** A charge per period, prorated by the active days of a partial period. */
export interface FixedComponent {
  type: 'fixed';
  name: string;
  amount: number;
}

/** A charge per active day of service in the period. */
export interface PerDayComponent {
  type: 'per_day';
  name: string;
  amount: number;
}

interface ConsumptionComponentBase {
  name: string;
  /** The meter key whose consumption this prices (`data`, `voice`). */
  meter: string;
  /**
   * The unit its ranges, package size and free units count in (`GB`, `min`). A meter keeping
   * another unit of the same family has its consumption converted; without it, the meter's unit.
   */
  unit?: string;
  /** Below this charge for a full period, a top-up line brings it up; prorated by active days. */
  minimumAmount?: number;
}

/** Consumption fills the ranges in order; each range's units at its own price. */
export interface SteppedComponent extends ConsumptionComponentBase {
  type: 'stepped';
  ranges: PriceRange[];
}

/** The one range holding the total prices every unit, plus its flat amount. */
export interface VolumeComponent extends ConsumptionComponentBase {
  type: 'volume';
  ranges: PriceRange[];
}

/** ceil(max(0, units - freeUnits) / packageSize) packages at `amount` each. */
export interface PackageComponent extends ConsumptionComponentBase {
  type: 'package';
  packageSize: number;
  amount: number;
  freeUnits?: number;
}

export type ConsumptionComponent = SteppedComponent | VolumeComponent | PackageComponent;
export type RateComponent = FixedComponent | PerDayComponent | ConsumptionComponent;
export type RateComponentType = RateComponent['type'];

export function isConsumptionComponent(component: RateComponent): component is ConsumptionComponent {
  return component.type === 'stepped' || component.type === 'volume' || component.type === 'package';
}
