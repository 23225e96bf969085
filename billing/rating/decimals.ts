// Decimal strings in and out of the rating rules: quantities and unit prices stay exact until the
// one rounding of a line.
import { BillingDecimal } from '../rounding.js';

export type Decimal = InstanceType<typeof BillingDecimal>;

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative plain decimal ("12.5"); anything else is an error naming the field. */
export function parseQuantity(text: string, field: string): Decimal {
  if (typeof text !== 'string' || !PLAIN_DECIMAL.test(text)) {
    throw new Error(`${field} must be a plain decimal of 0 or more such as "12.5", got ${JSON.stringify(text) ?? String(text)}`);
  }
  return new BillingDecimal(text);
}

/** A component's number field (upTo, packageSize) as an exact decimal. */
export function decimalOf(value: number): Decimal {
  return new BillingDecimal(value);
}

/** The plain decimal spelling, without exponent or trailing zeros: "12.5", "0". */
export function plain(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}
