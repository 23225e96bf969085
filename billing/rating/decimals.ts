// Decimal strings in and out of the rating rules: quantities and unit prices stay exact until the
// one rounding of a line.
import { NUMERIC_LIMITS, parsePlainDecimal, quoteForMessage } from '../decimal-text.js';
import { BillingDecimal } from '../rounding.js';

export type Decimal = InstanceType<typeof BillingDecimal>;

/**
 * A non-negative plain decimal ("12.5"); anything else is an error naming the field. Quantities
 * here were stored by Postgres (sums of readings), so its numeric type's limits are the bounds.
 */
export function parseQuantity(text: string, field: string): Decimal {
  const parsed = parsePlainDecimal(text, NUMERIC_LIMITS);
  if (!parsed.ok || parsed.negative) {
    const why = !parsed.ok && parsed.problem !== 'format' ? `, which ${parsed.reason}` : '';
    throw new Error(`${field} must be a plain decimal of 0 or more such as "12.5", got ${quoteForMessage(text)}${why}`);
  }
  return new BillingDecimal(parsed.value);
}

/** A component's number field (upTo, packageSize) as an exact decimal. */
export function decimalOf(value: number): Decimal {
  return new BillingDecimal(value);
}

/** The plain decimal spelling, without exponent or trailing zeros: "12.5", "0". */
export function plain(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}
