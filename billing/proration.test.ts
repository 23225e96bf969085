import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { money } from './money.js';
import { chargeablePeriodFrom, endEarly } from './periods.js';
import { chargeForPeriod, prorate } from './proration.js';

const eur = (n: bigint) => money(n, 'EUR');

describe('prorate', () => {
  it('charges 22/31 for a start on 10 Jan, anchored on the 1st', () => {
    const p = chargeablePeriodFrom('2026-01-10', 'month', { day: 1 });
    // 49.99 × 22/31 = 35.4767... → 35.48
    expect(chargeForPeriod(eur(4999n), p)).toEqual({ amount: eur(3548n), activeDays: 22, cycleDays: 31 });
  });

  it('rounds an exact half cent to even', () => {
    expect(prorate(eur(45n), 15, 30)).toEqual(eur(22n)); // 22.5 → 22
    expect(prorate(eur(47n), 15, 30)).toEqual(eur(24n)); // 23.5 → 24
    expect(prorate(eur(-45n), 15, 30)).toEqual(eur(-22n)); // a credit rounds like a charge
  });

  it('charges a full cycle exactly and nothing for no days', () => {
    expect(prorate(eur(4999n), 31, 31)).toEqual(eur(4999n));
    expect(prorate(eur(4999n), 0, 31)).toEqual(eur(0n));
  });

  it.each([
    [-1, 31, /activeDays must be an integer from 0 to 31, got -1/],
    [32, 31, /activeDays must be an integer from 0 to 31, got 32/],
    [1.5, 31, /activeDays must be an integer/],
    [0, 0, /cycleDays must be a positive integer, got 0/],
  ])('rejects %s of %s days', (active, cycle, message) => {
    expect(() => prorate(eur(100n), active, cycle)).toThrow(message);
  });
});

describe('chargeForPeriod', () => {
  it('charges a full cycle exactly, including a 28-day February', () => {
    const feb = chargeablePeriodFrom('2026-02-28', 'month', { day: 31 }); // Feb 28 → Mar 31: 31 days
    expect(chargeForPeriod(eur(5000n), feb)).toEqual({ amount: eur(5000n), activeDays: 31, cycleDays: 31 });
    const short = chargeablePeriodFrom('2026-02-01', 'month', { day: 1 });
    expect(chargeForPeriod(eur(5000n), short)).toEqual({ amount: eur(5000n), activeDays: 28, cycleDays: 28 });
  });

  it('prorates a cancellation mid-cycle', () => {
    const p = endEarly(chargeablePeriodFrom('2026-04-01', 'month', { day: 1 }), '2026-04-16');
    expect(chargeForPeriod(eur(3000n), p)).toEqual({ amount: eur(1500n), activeDays: 15, cycleDays: 30 });
  });

  it('prorates a yearly plan by days of the year', () => {
    const p = chargeablePeriodFrom('2028-08-30', 'year', { month: 2, day: 29 }); // cycle 2028-02-29 .. 2029-02-28
    expect(chargeForPeriod(money(36500n, 'USD'), p)).toEqual({ amount: money(18200n, 'USD'), activeDays: 182, cycleDays: 365 });
  });

  it('rejects a period outside its cycle', () => {
    const p = { start: '2026-01-10', end: '2026-02-05', cycle: { start: '2026-01-01', end: '2026-02-01' } };
    expect(() => chargeForPeriod(eur(100n), p)).toThrow('Period 2026-01-10..2026-02-05 is not inside its cycle 2026-01-01..2026-02-01');
  });
});

describe('splitting a cycle', () => {
  // Each part is rounded on its own, so each is within half a unit of its exact share and the two
  // parts together are within one unit of the whole: |prorate(A,k,n) + prorate(A,n-k,n) - A| <= 1.
  it('prorating the two parts separately differs from the whole by at most 1 minor unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 1, max: 366 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        (amount, [cycleDays, splitDay]) => {
          const first = prorate(eur(amount), splitDay, cycleDays).amountMinor;
          const second = prorate(eur(amount), cycleDays - splitDay, cycleDays).amountMinor;
          const difference = first + second - amount;
          expect(difference >= -1n && difference <= 1n).toBe(true);
        },
      ),
    );
  });

  it('can really differ by 1: two exact halves both round to even', () => {
    expect(prorate(eur(1n), 1, 2).amountMinor + prorate(eur(1n), 1, 2).amountMinor).toBe(0n); // 0.5 + 0.5 → 0 + 0
    expect(prorate(eur(3n), 1, 2).amountMinor + prorate(eur(3n), 1, 2).amountMinor).toBe(4n); // 1.5 + 1.5 → 2 + 2
  });
});
