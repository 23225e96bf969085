import { describe, expect, it } from 'vitest';
import { interestForDays } from './interest.js';
import type { AnnualRate } from './penalty-rule.js';
import { rateOn, type ReferenceRateTimeline } from './reference-rates.js';

const ecb: ReferenceRateTimeline = [{ effectiveFrom: '2026-01-01', percent: '2.15' }, { effectiveFrom: '2026-07-01', percent: '2.4' }];
const ecbPlusEight: AnnualRate = { kind: 'reference', timeline: ecb, marginPercent: '8' };

describe('reference rates', () => {
  it('gives the rate in effect on a day, and refuses a day before the timeline starts', () => {
    expect(rateOn(ecb, '2026-01-01')).toBe('2.15');
    expect(rateOn(ecb, '2026-06-30')).toBe('2.15');
    expect(rateOn(ecb, '2026-07-01')).toBe('2.4');
    expect(rateOn(ecb, '2030-01-01')).toBe('2.4');
    expect(() => rateOn([{ effectiveFrom: '2026-01-01', percent: '2.15' }], '2025-12-31')).toThrow(
      'No reference rate on 2025-12-31: the timeline starts on 2026-01-01; add the rate in effect on 2025-12-31',
    );
  });
});

describe('interest for a run of days, actual/365', () => {
  it('is base × rate × days / 365, rounded once half to even', () => {
    // €1,000.00 at 8% for 12 days: 100000 × 8 × 12 / 36500 = 263.01… → 263 cents.
    expect(interestForDays(100000n, { kind: 'fixed', percent: '8' }, '2026-03-11', '2026-03-22')).toMatchObject({ amountMinor: 263n, days: 12 });
    // €912.50 at 8% for 1 day: 91250 × 8 / 36500 = 20 exactly.
    expect(interestForDays(91250n, { kind: 'fixed', percent: '8' }, '2026-03-11', '2026-03-11').amountMinor).toBe(20n);
    // Ties go to even: €912.50 at 1% for 1 day is 91250 / 36500 = 2.5 → 2; €1,277.50 is 3.5 → 4.
    expect(interestForDays(91250n, { kind: 'fixed', percent: '1' }, '2026-03-11', '2026-03-11').amountMinor).toBe(2n);
    expect(interestForDays(127750n, { kind: 'fixed', percent: '1' }, '2026-03-11', '2026-03-11').amountMinor).toBe(4n);
  });

  it('takes each day at the rate in effect that day across a change, summing before the one rounding', () => {
    // €1,000.00 from June 22nd to July 21st: 9 days at 2.15 + 8 = 10.15%, 21 days at 2.4 + 8 = 10.4%.
    // 100000 × (9 × 10.15 + 21 × 10.4) / 36500 = 100000 × 309.75 / 36500 = 848.63… → 849 cents.
    // (Rounding each stretch apart would give 250.27 → 250 plus 598.36 → 598: 848, a cent short.)
    const interest = interestForDays(100000n, ecbPlusEight, '2026-06-22', '2026-07-21');
    expect(interest.amountMinor).toBe(849n);
    expect(interest.spans).toEqual([
      { from: '2026-06-22', to: '2026-06-30', days: 9, percent: '10.15' },
      { from: '2026-07-01', to: '2026-07-21', days: 21, percent: '10.4' },
    ]);
  });

  it('charges nothing on days a negative reference rate outweighs the margin', () => {
    const negative: AnnualRate = { kind: 'reference', timeline: [{ effectiveFrom: '2020-01-01', percent: '-3' }], marginPercent: '1' };
    expect(interestForDays(100000n, negative, '2020-02-01', '2020-02-29').amountMinor).toBe(0n);
  });
});
