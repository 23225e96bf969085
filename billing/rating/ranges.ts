// The ranges of a stepped or volume price as exact bounds, and one range's part of a charge.
import { money } from '../money.js';
import { BillingDecimal } from '../rounding.js';
import type { RangeCharge } from './component-charge.js';
import type { PriceRange } from './components.js';
import { decimalOf, plain, type Decimal } from './decimals.js';

export interface RangeBounds {
  /** Exclusive: a range holds the units above `from` up to and including `upTo`. */
  from: Decimal;
  upTo: Decimal | null;
  range: PriceRange;
}

/** Each range with its lower bound, the previous range's upTo (0 for the first). */
export function rangeBounds(ranges: readonly PriceRange[]): RangeBounds[] {
  let from = new BillingDecimal(0);
  return ranges.map((range) => {
    const bounds = { from, upTo: range.upTo === null ? null : decimalOf(range.upTo), range };
    if (bounds.upTo !== null) from = bounds.upTo;
    return bounds;
  });
}

/** `units` of the range at its price, plus its flat amount: exact, unrounded. */
export function rangeCharge(bounds: RangeBounds, units: Decimal, currency: string): RangeCharge {
  const flat = bounds.range.flatAmount;
  const amount = units.times(bounds.range.unitAmountDecimal).plus(flat ?? 0);
  return {
    from: plain(bounds.from),
    upTo: bounds.upTo === null ? null : plain(bounds.upTo),
    units: plain(units),
    unitAmountDecimal: bounds.range.unitAmountDecimal,
    flatAmount: flat === undefined ? null : money(BigInt(flat), currency),
    amount: plain(amount),
  };
}
