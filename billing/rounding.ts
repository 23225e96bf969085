import { Decimal } from 'decimal.js';
import { NUMERIC_LIMITS, parsePlainDecimal, quoteForMessage } from './decimal-text.js';

/**
 * Decimal arithmetic for rates with more precision than minor units (usage rating).
 * A local clone, so nobody else's Decimal.set() can change our precision or rounding, and 50
 * significant digits so that multiplying a quantity by a rate never rounds before we do.
 */
export const BillingDecimal = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * numerator / denominator as an integer, ties to the even neighbour (banker's rounding), so that
 * rounding many charges does not drift upwards on average. Symmetric: -2.5 → -2 like 2.5 → 2.
 * This is the one place where proration rounds.
 */
export function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new Error('divideRoundHalfEven: denominator must not be zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * Rounds a decimal (already scaled to minor units) to an integer, ties to even.
 * Strings must be plain decimals ("12.345", "-0.5"): no exponents, hex or spaces, because these
 * come from rate tables and a typo should fail loudly rather than parse as something else.
 */
export function roundDecimalHalfEven(value: Decimal | string): bigint {
  if (typeof value === 'string') {
    const parsed = parsePlainDecimal(value, NUMERIC_LIMITS);
    if (!parsed.ok) throw new Error(`Invalid decimal ${quoteForMessage(value)}: ${parsed.reason}`);
  }
  const exact = new BillingDecimal(value);
  if (!exact.isFinite()) throw new Error(`Cannot round ${exact.toString()} to an integer`);
  return BigInt(exact.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0));
}
