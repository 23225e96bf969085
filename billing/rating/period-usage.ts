// Rates a customer's consumption for one invoiced period: every component of every rate in force,
// split where a rate changes mid-period, and the late readings of periods already invoiced.
import { daysBetween, type IsoDate } from '../calendar.js';
import type { InvoiceLineDraft } from '../invoice-lines.js';
import { add, money, subtract, zero } from '../money.js';
import type { ChargeablePeriod, Period } from '../periods.js';
import { BillingDecimal } from '../rounding.js';
import { lateConsumptionLine, usageLines } from '../usage-lines.js';
import { isConsumptionComponent, type ConsumptionComponent, type RateComponent } from './components.js';
import { assertLineWithinBound, lineBoundProblem } from './line-bound.js';
import { priceComponent } from './price-component.js';
import { convertQuantity, normalizeUnit, UnitError } from './units.js';

/** A rate assigned to the customer, in force on the days [effectiveFrom, endedOn). */
export interface RateInForce {
  customerRateId: string;
  rateName: string;
  currency: string;
  components: RateComponent[];
  revenueAccountCode: string;
  effectiveFrom: IsoDate;
  endedOn: IsoDate | null;
}

export interface CustomerMeter {
  id: string;
  key: string;
  unit: string;
  /** What a step between data units is on this meter: 1000 (1 GB = 1000 MB) or 1024. */
  base: number;
}

/** What a meter counted on one UTC day, a decimal in the meter's unit. */
export interface DailyConsumption {
  meterId: string;
  day: IsoDate;
  consumption: string;
}

/**
 * What one metered component charged for one stretch of days, kept with the invoice so that
 * readings arriving later are priced again exactly as it was billed.
 */
export interface RatedUsage {
  customerRateId: string;
  componentIndex: number;
  component: RateComponent;
  meterKey: string;
  segmentStart: IsoDate;
  segmentEnd: IsoDate;
  cycleDays: number;
  daysBeforeSegment: number;
  quantity: string;
  /** Charge plus any minimum top-up, in minor units of `currency`. */
  amountMinor: bigint;
  currency: string;
  kind: 'period' | 'adjustment';
}

/** Rated usage already invoiced, with the name and revenue account of the rate it came from. */
export interface BilledUsage extends RatedUsage {
  rateName: string;
  revenueAccountCode: string;
}

export interface RatedPeriodUsage {
  lines: InvoiceLineDraft[];
  /** What the invoice charged per component and segment, stored with it for later adjustments. */
  records: RatedUsage[];
}

export interface PeriodUsageInput {
  period: ChargeablePeriod;
  currency: string;
  rates: readonly RateInForce[];
  meters: readonly CustomerMeter[];
  /** Unbilled consumption up to the period's end; days before its start are late readings. */
  consumption: readonly DailyConsumption[];
  /** Usage billed for the stretches the late readings may fall in. */
  billedBefore: readonly BilledUsage[];
}

const decimalSum = (values: readonly string[]): string =>
  values.reduce((sum, value) => sum.plus(value), new BillingDecimal(0)).toFixed();

/** Consumption of a meter on the days [start, end), in the meter's unit. */
function consumptionOf(consumption: readonly DailyConsumption[], meter: CustomerMeter | undefined, span: Period): string {
  if (!meter) return '0';
  return decimalSum(consumption.filter((c) => c.meterId === meter.id && c.day >= span.start && c.day < span.end).map((c) => c.consumption));
}

/**
 * A metered component prices in its own unit when it names one (ranges in GB for a meter kept in
 * MB); the stretch's total is converted once. Another family is a mistake staff must fix: the
 * issuing step fails with the reason and is retried, so the account bills once it is fixed.
 */
function inPricingUnit(quantity: string, component: ConsumptionComponent, meter: CustomerMeter | undefined): { quantity: string; unit: string | null } {
  if (!meter) return { quantity, unit: component.unit ?? null };
  if (!component.unit) return { quantity, unit: meter.unit };
  try {
    return { quantity: convertQuantity(quantity, meter.unit, component.unit, meter.base === 1024 ? 1024 : 1000), unit: normalizeUnit(component.unit) };
  } catch (error) {
    if (!(error instanceof UnitError)) throw error;
    throw new Error(`component "${component.name}" prices ${component.unit} but meter "${meter.key}" counts ${meter.unit}: ${error.message}`);
  }
}

/**
 * Why `consumption` of `meter` (in its unit) could not be billed: the first component of `rates`
 * pricing the meter whose line for it, over one whole cycle, would pass the amount bound; null
 * when every one fits. Readings are checked with this when they are stored (with the meter's
 * unbilled consumption), so that what is accepted can be invoiced. A component whose unit does
 * not fit the meter is left to rating, which names that mistake.
 */
export function unbillableConsumption(
  rates: readonly Pick<RateInForce, 'rateName' | 'currency' | 'components'>[],
  meter: CustomerMeter,
  consumption: string,
): string | null {
  for (const rate of rates) {
    for (const component of rate.components) {
      if (!isConsumptionComponent(component) || component.meter !== meter.key) continue;
      let priced: { quantity: string; unit: string | null };
      try {
        priced = inPricingUnit(consumption, component, meter);
      } catch {
        continue;
      }
      const charge = priceComponent(component, { consumption: priced.quantity, currency: rate.currency, unit: priced.unit, activeDays: 1, cycleDays: 1, daysBeforeSegment: 0 });
      const problem = lineBoundProblem({ rateName: rate.rateName, componentName: component.name, meter: meter.key, quantity: charge.quantity, unit: charge.unit }, charge.amount);
      if (problem) return problem;
    }
  }
  return null;
}

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const earlierOf = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

export function ratePeriodUsage(input: PeriodUsageInput): RatedPeriodUsage {
  const lines: InvoiceLineDraft[] = [];
  const records: RatedUsage[] = [];
  const { period, currency } = input;
  const cycleDays = daysBetween(period.cycle.start, period.cycle.end);

  for (const rate of input.rates) {
    if (rate.currency !== currency) {
      throw new Error(`rate "${rate.rateName}" is priced in ${rate.currency} but the customer is billed in ${currency}`);
    }
    const segment = { start: laterOf(rate.effectiveFrom, period.start), end: earlierOf(rate.endedOn ?? period.end, period.end) };
    if (segment.start >= segment.end) continue;
    const days = { activeDays: daysBetween(segment.start, segment.end), cycleDays, daysBeforeSegment: daysBetween(period.cycle.start, segment.start) };
    const partOfPeriod = segment.start !== period.start || segment.end !== period.end;

    rate.components.forEach((component, componentIndex) => {
      const metered = isConsumptionComponent(component) ? component : null;
      const meter = metered ? input.meters.find((m) => m.key === metered.meter) : undefined;
      const { quantity, unit } = metered ? inPricingUnit(consumptionOf(input.consumption, meter, segment), metered, meter) : { quantity: '0', unit: null };
      const charge = priceComponent(component, { consumption: quantity, currency, unit, ...days });
      const source = { rateName: rate.rateName, componentName: component.name, meter: metered?.meter ?? null, quantity: charge.quantity, unit: charge.unit };
      assertLineWithinBound(source, charge.amount);
      assertLineWithinBound({ ...source, quantity: '1', unit: null }, charge.minimumTopUp);
      lines.push(
        ...usageLines({
          rateName: rate.rateName,
          componentName: component.name,
          componentType: component.type,
          meter: metered?.meter ?? null,
          unit: charge.unit,
          segment,
          partOfPeriod,
          quantity: charge.quantity,
          unitAmountDecimal: charge.unitAmountDecimal,
          amount: charge.amount,
          ranges: charge.ranges,
          minimumTopUp: charge.minimumTopUp,
          revenueAccountCode: rate.revenueAccountCode,
        }),
      );
      if (!metered) return;
      records.push({
        customerRateId: rate.customerRateId,
        componentIndex,
        component,
        meterKey: metered.meter,
        segmentStart: segment.start,
        segmentEnd: segment.end,
        cycleDays,
        daysBeforeSegment: days.daysBeforeSegment,
        quantity,
        amountMinor: add(charge.amount, charge.minimumTopUp).amountMinor,
        currency,
        kind: 'period',
      });
    });
  }

  const late = rateLateConsumption(input);
  return { lines: [...lines, ...late.lines], records: [...records, ...late.records] };
}

/**
 * Readings that arrived after their period was invoiced: each stretch they fall in is priced
 * again, with the component as it was billed, on everything known now; the difference to what
 * was billed for it is charged. Stepped ranges and minimums stay right however the consumption
 * trickles in, and nothing is counted twice because the readings are marked billed.
 */
function rateLateConsumption(input: PeriodUsageInput): RatedPeriodUsage {
  const lines: InvoiceLineDraft[] = [];
  const records: RatedUsage[] = [];
  const late = input.consumption.filter((c) => c.day < input.period.start);
  if (late.length === 0) return { lines, records };

  const stretches = new Map<string, BilledUsage[]>();
  for (const row of input.billedBefore) {
    const key = `${row.customerRateId}/${row.componentIndex}/${row.segmentStart}`;
    stretches.set(key, [...(stretches.get(key) ?? []), row]);
  }
  for (const billed of stretches.values()) {
    const first = billed.find((row) => row.kind === 'period') ?? billed[0]!;
    const segment = { start: first.segmentStart, end: first.segmentEnd };
    const meter = input.meters.find((m) => m.key === first.meterKey);
    const component: RateComponent = first.component;
    if (!meter || !isConsumptionComponent(component)) continue;
    const lateInMeterUnit = consumptionOf(late, meter, segment);
    if (new BillingDecimal(lateInMeterUnit).isZero()) continue;
    const { quantity: lateQuantity, unit } = inPricingUnit(lateInMeterUnit, component, meter);

    const billedQuantity = decimalSum(billed.map((row) => row.quantity));
    const billedAmount = billed.reduce((sum, row) => add(sum, money(row.amountMinor, row.currency)), zero(input.currency));
    const repriced = priceComponent(component, {
      consumption: new BillingDecimal(billedQuantity).plus(lateQuantity).toFixed(),
      currency: input.currency,
      activeDays: daysBetween(segment.start, segment.end),
      cycleDays: first.cycleDays,
      daysBeforeSegment: first.daysBeforeSegment,
      unit,
    });
    const difference = subtract(add(repriced.amount, repriced.minimumTopUp), billedAmount);
    assertLineWithinBound({ rateName: first.rateName, componentName: component.name, meter: first.meterKey, quantity: lateQuantity, unit }, difference);
    lines.push(
      lateConsumptionLine({
        rateName: first.rateName,
        componentName: component.name,
        componentType: component.type,
        meter: first.meterKey,
        unit,
        segment,
        quantity: lateQuantity,
        amount: difference,
        revenueAccountCode: first.revenueAccountCode,
      }),
    );
    records.push({
      customerRateId: first.customerRateId,
      componentIndex: first.componentIndex,
      component,
      meterKey: first.meterKey,
      segmentStart: segment.start,
      segmentEnd: segment.end,
      cycleDays: first.cycleDays,
      daysBeforeSegment: first.daysBeforeSegment,
      quantity: lateQuantity,
      amountMinor: difference.amountMinor,
      currency: input.currency,
      kind: 'adjustment',
    });
  }
  return { lines, records };
}

/** The first day whose late readings could still matter: the earliest unbilled day. */
export function earliestDay(consumption: readonly DailyConsumption[], fallback: IsoDate): IsoDate {
  return consumption.reduce<IsoDate>((first, c) => (c.day < first ? c.day : first), fallback);
}
