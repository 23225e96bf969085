// The Money value: its type, its constructor and arithmetic that refuses to mix currencies.
import { parseCurrency, type CurrencyCode } from './currency.js';

/** An amount of money: integer minor units (cents, yen, fils) in one currency. Never a float. */
export interface Money {
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
}

const INTEGER_LITERAL = /^-?\d+$/;

/**
 * Builds a Money. A string must be an integer literal in minor units ("1999", "-5"): decimals
 * are refused rather than guessed at, because "19.99" could mean 19.99 EUR or 19.99 cents.
 */
export function money(amountMinor: bigint | string, currency: string): Money {
  const code = parseCurrency(currency);
  if (typeof amountMinor === 'bigint') return Object.freeze({ amountMinor, currency: code });
  if (typeof amountMinor === 'string' && INTEGER_LITERAL.test(amountMinor)) {
    return Object.freeze({ amountMinor: BigInt(amountMinor), currency: code });
  }
  const shown = typeof amountMinor === 'string' ? `"${amountMinor}"` : `${String(amountMinor)} (${typeof amountMinor})`;
  throw new Error(
    `Invalid amountMinor ${shown}: expected a bigint or an integer string of minor units such as "1999"`,
  );
}

export function zero(currency: string): Money {
  return money(0n, currency);
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new Error(`Currency mismatch: cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function negate(m: Money): Money {
  return money(-m.amountMinor, m.currency);
}

export function isZero(m: Money): boolean {
  return m.amountMinor === 0n;
}

/** -1, 0 or 1, usable as a sort comparator; only amounts in the same currency compare. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  if (a.amountMinor === b.amountMinor) return 0;
  return a.amountMinor < b.amountMinor ? -1 : 1;
}

/** The currency is a parameter so that an empty list still sums to a Money. */
export function sumMoney(items: readonly Money[], currency: string): Money {
  let total = zero(currency);
  for (const item of items) total = add(total, item);
  return total;
}
