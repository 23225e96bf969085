import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { money } from '../money.js';
import { divideRoundHalfEven } from '../rounding.js';
import { shareOfCycle } from './share-of-cycle.js';

const eur = (n: bigint) => money(n, 'EUR');

/** A cycle of 1..366 days cut into contiguous segments at random days. */
const cutCycle = fc
  .integer({ min: 1, max: 366 })
  .chain((cycleDays) =>
    fc.uniqueArray(fc.integer({ min: 1, max: cycleDays - 1 > 0 ? cycleDays - 1 : 1 }), { maxLength: 12 }).map((cuts) => {
      const bounds = [0, ...cuts.filter((day) => day < cycleDays).sort((a, b) => a - b), cycleDays];
      return { cycleDays, segments: bounds.slice(1).map((end, i) => ({ before: bounds[i]!, days: end - bounds[i]! })) };
    }),
  );

describe('shareOfCycle', () => {
  it('charges a full cycle exactly, and a third of 10.00 EUR as 3.33 + 3.34 + 3.33', () => {
    expect(shareOfCycle(eur(4999n), 31, 0, 31)).toEqual(eur(4999n));
    expect([0, 1, 2].map((before) => shareOfCycle(eur(1000n), 3, before, 1))).toEqual([eur(333n), eur(334n), eur(333n)]);
  });

  it('gives half of a 30-day cycle as 15/30, rounded half-even', () => {
    expect(shareOfCycle(eur(3000n), 30, 0, 15)).toEqual(eur(1500n));
    expect(shareOfCycle(eur(45n), 30, 0, 15)).toEqual(eur(22n)); // 22.5 → 22
    expect(shareOfCycle(eur(45n), 30, 15, 15)).toEqual(eur(23n)); // and the other half gets the cent
  });

  it('never loses or invents a cent: any cut of a cycle into segments sums to the amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), cutCycle, (amount, { cycleDays, segments }) => {
        const shares = segments.map(({ before, days }) => shareOfCycle(eur(amount), cycleDays, before, days).amountMinor);
        expect(shares.reduce((sum, share) => sum + share, 0n)).toBe(amount);
      }),
    );
  });

  it('sums contiguous segments to the prorated whole of the days they cover', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), cutCycle, (amount, { cycleDays, segments }) => {
        const inner = segments.slice(1, -1); // a stretch starting and ending mid-cycle
        if (inner.length === 0) return;
        const sum = inner.reduce((total, { before, days }) => total + shareOfCycle(eur(amount), cycleDays, before, days).amountMinor, 0n);
        const start = inner[0]!.before;
        const days = inner.reduce((total, segment) => total + segment.days, 0);
        const whole = divideRoundHalfEven(amount * BigInt(start + days), BigInt(cycleDays)) - divideRoundHalfEven(amount * BigInt(start), BigInt(cycleDays));
        expect(sum).toBe(whole);
        expect(Number(sum - (amount * BigInt(days)) / BigInt(cycleDays))).toBeGreaterThanOrEqual(-1);
        expect(Number(sum - (amount * BigInt(days)) / BigInt(cycleDays))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it.each([
    [0, 0, 1, /cycleDays must be a positive whole number of days, got 0/],
    [30, -1, 1, /daysBeforeSegment must be a whole number of days from 0 to 30, got -1/],
    [30, 20, 11, /activeDays must be a whole number of days from 0 to 10 \(the cycle has 30 days, 20 before the segment\), got 11/],
    [30, 0, 1.5, /activeDays must be a whole number of days/],
  ])('refuses a cycle of %s days, %s before, %s active', (cycleDays, before, active, message) => {
    expect(() => shareOfCycle(eur(100n), cycleDays, before, active)).toThrow(message);
  });
});
