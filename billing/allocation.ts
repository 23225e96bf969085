import { money, type Money } from './money-value.js';

/**
 * Splits a total in proportion to weights by the largest-remainder method: every part gets the
 * floor of its exact share, then the leftover minor units go one each to the parts with the
 * largest remainders, earliest index first on ties. The parts always sum exactly to the total.
 * A negative total is split as its absolute value and negated, so allocation is symmetric.
 */
export function allocate(total: Money, weights: readonly bigint[]): Money[] {
  if (weights.length === 0) throw new Error('allocate: weights must not be empty');
  const negativeAt = weights.findIndex((w) => w < 0n);
  if (negativeAt >= 0) {
    throw new Error(`allocate: weights must not be negative (weight ${negativeAt} is ${weights[negativeAt]})`);
  }
  const weightSum = weights.reduce((sum, w) => sum + w, 0n);
  if (weightSum === 0n) throw new Error('allocate: at least one weight must be positive');

  const negative = total.amountMinor < 0n;
  const whole = negative ? -total.amountMinor : total.amountMinor;
  const floors = weights.map((w) => (whole * w) / weightSum);
  const remainders = weights.map((w) => (whole * w) % weightSum);
  let leftover = whole - floors.reduce((sum, part) => sum + part, 0n);

  const byRemainder = weights
    .map((_, index) => index)
    .sort((i, j) => {
      const ri = remainders[i]!;
      const rj = remainders[j]!;
      return ri === rj ? i - j : ri > rj ? -1 : 1;
    });
  for (const index of byRemainder) {
    if (leftover === 0n) break;
    floors[index] = floors[index]! + 1n;
    leftover -= 1n;
  }
  return floors.map((part) => money(negative ? -part : part, total.currency));
}

/** Splits a total into `parts` equal shares; earlier shares get the odd minor units. */
export function splitEvenly(total: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new Error(`splitEvenly: parts must be a positive integer, got ${parts}`);
  }
  return allocate(total, Array.from({ length: parts }, () => 1n));
}
