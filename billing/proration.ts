import { daysBetween } from './calendar.js';
import { money, type Money } from './money.js';
import type { ChargeablePeriod } from './periods.js';
import { divideRoundHalfEven } from './rounding.js';

/**
 * amount × activeDays / cycleDays, rounded once, half-even. Prorating by days (not seconds)
 * because service periods are whole UTC dates; a 22-day part of a 31-day month costs 22/31.
 */
export function prorate(amount: Money, activeDays: number, cycleDays: number): Money {
  if (!Number.isSafeInteger(cycleDays) || cycleDays <= 0) {
    throw new Error(`prorate: cycleDays must be a positive integer, got ${cycleDays}`);
  }
  if (!Number.isSafeInteger(activeDays) || activeDays < 0 || activeDays > cycleDays) {
    throw new Error(`prorate: activeDays must be an integer from 0 to ${cycleDays}, got ${activeDays}`);
  }
  if (activeDays === cycleDays) return amount;
  return money(divideRoundHalfEven(amount.amountMinor * BigInt(activeDays), BigInt(cycleDays)), amount.currency);
}

export interface PeriodCharge {
  amount: Money;
  activeDays: number;
  cycleDays: number;
}

/** The charge for a (possibly partial) period of a recurring price; a full cycle costs exactly the price. */
export function chargeForPeriod(recurringAmount: Money, p: ChargeablePeriod): PeriodCharge {
  const activeDays = daysBetween(p.start, p.end);
  const cycleDays = daysBetween(p.cycle.start, p.cycle.end);
  if (daysBetween(p.cycle.start, p.start) < 0 || daysBetween(p.end, p.cycle.end) < 0) {
    throw new Error(`Period ${p.start}..${p.end} is not inside its cycle ${p.cycle.start}..${p.cycle.end}`);
  }
  return { amount: prorate(recurringAmount, activeDays, cycleDays), activeDays, cycleDays };
}
