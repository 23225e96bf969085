import { money, type Money } from './money-value.js';

/**
 * Money as it crosses a JSON boundary (Temporal payloads, HTTP). JSON has no bigint, and a JSON
 * number would lose precision past 2^53, so the amount travels as an integer string.
 */
export interface MoneyWire {
  amountMinor: string;
  currency: string;
}

export function toWire(m: Money): MoneyWire {
  return { amountMinor: m.amountMinor.toString(), currency: m.currency };
}

/** Validates untrusted input: anything but { amountMinor: integer string, currency } throws. */
export function fromWire(w: unknown): Money {
  if (typeof w !== 'object' || w === null) {
    throw new Error(`Invalid money: expected { amountMinor: string, currency: string }, got ${w === null ? 'null' : typeof w}`);
  }
  const { amountMinor, currency } = w as Record<string, unknown>;
  if (typeof amountMinor !== 'string') {
    throw new Error(`Invalid money: amountMinor must be a string of minor units, got ${typeof amountMinor}`);
  }
  if (typeof currency !== 'string') {
    throw new Error(`Invalid money: currency must be a string, got ${typeof currency}`);
  }
  return money(amountMinor, currency);
}
