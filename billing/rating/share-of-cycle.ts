// The part of a per-cycle amount that falls on a stretch of days, such that stretches that follow
// each other always add up to the amount for their days together: no cent lost, none invented.
import { money, type Money } from '../money.js';
import { divideRoundHalfEven } from '../rounding.js';

/**
 * The segment's share of `amount`, where the segment covers `activeDays` of a `cycleDays` cycle
 * after `daysBeforeSegment` days of it. Rounding the running total (half-even) and taking the
 * difference telescopes: any cut of a cycle into contiguous segments sums to exactly the prorated
 * whole, and a full cycle costs exactly `amount`. Rounding each share alone would drift a cent.
 */
export function shareOfCycle(amount: Money, cycleDays: number, daysBeforeSegment: number, activeDays: number): Money {
  assertSegmentDays(cycleDays, daysBeforeSegment, activeDays);
  const cycle = BigInt(cycleDays);
  const upToStart = divideRoundHalfEven(amount.amountMinor * BigInt(daysBeforeSegment), cycle);
  const upToEnd = divideRoundHalfEven(amount.amountMinor * BigInt(daysBeforeSegment + activeDays), cycle);
  return money(upToEnd - upToStart, amount.currency);
}

/** A segment must lie inside its cycle: whole days, the cycle at least one day long. */
export function assertSegmentDays(cycleDays: number, daysBeforeSegment: number, activeDays: number): void {
  if (!Number.isSafeInteger(cycleDays) || cycleDays <= 0) {
    throw new Error(`cycleDays must be a positive whole number of days, got ${cycleDays}`);
  }
  if (!Number.isSafeInteger(daysBeforeSegment) || daysBeforeSegment < 0 || daysBeforeSegment > cycleDays) {
    throw new Error(`daysBeforeSegment must be a whole number of days from 0 to ${cycleDays}, got ${daysBeforeSegment}`);
  }
  const room = cycleDays - daysBeforeSegment;
  if (!Number.isSafeInteger(activeDays) || activeDays < 0 || activeDays > room) {
    throw new Error(
      `activeDays must be a whole number of days from 0 to ${room} (the cycle has ${cycleDays} days, ${daysBeforeSegment} before the segment), got ${activeDays}`,
    );
  }
}
