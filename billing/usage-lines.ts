// Turns the priced components of a rate into invoice lines: one line per component and stretch
// of days, a separate top-up line where a minimum applies, and adjustment lines for consumption
// that arrived after its period was invoiced.
import { addDays } from './calendar.js';
import type { InvoiceLineDraft } from './invoice-lines.js';
import { isZero, type Money } from './money.js';
import type { Period } from './periods.js';
import type { RangeCharge } from './rating/price-component.js';

/** A range of a stepped or volume line as the invoice shows it; JSON-safe (no bigint). */
export interface RangeDetail {
  from: string;
  upTo: string | null;
  units: string;
  unitAmountDecimal: string;
  flatAmountMinor: string | null;
  /** Exact, before the line's one rounding. */
  amount: string;
}

/** What `detail` holds on a usage, minimum or adjustment line. */
export interface UsageLineDetail {
  component: string;
  meter: string | null;
  ranges: RangeDetail[] | null;
}

/** A rate component priced for one stretch of days, ready to become lines. */
export interface PricedComponent {
  rateName: string;
  componentName: string;
  componentType: string;
  meter: string | null;
  unit: string | null;
  segment: Period;
  /** True when the segment is only part of the invoiced period (a rate change mid-period). */
  partOfPeriod: boolean;
  quantity: string;
  unitAmountDecimal: string | null;
  amount: Money;
  ranges: RangeCharge[] | null;
  minimumTopUp: Money;
  revenueAccountCode: string;
}

const span = (p: Period): string => `${p.start} to ${addDays(p.end, -1)}`;

export function rangeDetails(ranges: readonly RangeCharge[] | null): RangeDetail[] | null {
  return (
    ranges?.map((range) => ({
      from: range.from,
      upTo: range.upTo,
      units: range.units,
      unitAmountDecimal: range.unitAmountDecimal,
      flatAmountMinor: range.flatAmount ? range.flatAmount.amountMinor.toString() : null,
      amount: range.amount,
    })) ?? null
  );
}

/** A whole minor unit price is shown as money; a finer one only as its exact decimal. */
function unitPrices(unitAmountDecimal: string | null, currency: string): Pick<InvoiceLineDraft, 'unitAmount' | 'unitAmountDecimal'> {
  if (unitAmountDecimal === null) return { unitAmount: null, unitAmountDecimal: null };
  if (/^\d+$/.test(unitAmountDecimal)) return { unitAmount: { amountMinor: BigInt(unitAmountDecimal), currency }, unitAmountDecimal: null };
  return { unitAmount: null, unitAmountDecimal };
}

/** The line for a component and, when consumption stayed under its minimum, the top-up line. */
export function usageLines(priced: PricedComponent): InvoiceLineDraft[] {
  const when = priced.partOfPeriod ? ` (${span(priced.segment)})` : '';
  const detail: UsageLineDetail = { component: priced.componentType, meter: priced.meter, ranges: rangeDetails(priced.ranges) };
  const common = { periodStart: priced.segment.start, periodEnd: priced.segment.end, proration: null, revenueAccountCode: priced.revenueAccountCode };
  const line: InvoiceLineDraft = {
    kind: 'usage',
    description: `${priced.rateName}: ${priced.componentName}${when}`,
    quantity: priced.quantity,
    unit: priced.unit,
    ...unitPrices(priced.unitAmountDecimal, priced.amount.currency),
    amount: priced.amount,
    detail,
    ...common,
  };
  if (isZero(priced.minimumTopUp)) return [line];
  const topUp: InvoiceLineDraft = {
    kind: 'minimum',
    description: `${priced.rateName}: ${priced.componentName}, top-up to the minimum charge${when}`,
    quantity: '1',
    unit: null,
    unitAmount: priced.minimumTopUp,
    unitAmountDecimal: null,
    amount: priced.minimumTopUp,
    detail: { component: priced.componentType, meter: priced.meter, ranges: null } satisfies UsageLineDetail,
    ...common,
  };
  return [line, topUp];
}

export interface LateConsumption {
  rateName: string;
  componentName: string;
  componentType: string;
  meter: string;
  unit: string | null;
  /** The stretch of days the late readings belong to, already invoiced. */
  segment: Period;
  quantity: string;
  /** What that stretch costs now minus what was billed for it (top-ups included); may be negative. */
  amount: Money;
  revenueAccountCode: string;
}

/** Consumption read after its period was invoiced, billed now and marked with its own period. */
export function lateConsumptionLine(late: LateConsumption): InvoiceLineDraft {
  const unit = late.unit ? ` ${late.unit}` : '';
  return {
    kind: 'adjustment',
    description: `${late.rateName}: ${late.componentName}, late readings for ${span(late.segment)} (+${late.quantity}${unit})`,
    quantity: late.quantity,
    unit: late.unit,
    unitAmount: null,
    unitAmountDecimal: null,
    amount: late.amount,
    // No ranges: they would be the whole stretch's, not the late units'; the description says what changed.
    detail: { component: late.componentType, meter: late.meter, ranges: null } satisfies UsageLineDetail,
    periodStart: late.segment.start,
    periodEnd: late.segment.end,
    proration: null,
    revenueAccountCode: late.revenueAccountCode,
  };
}
