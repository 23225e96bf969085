import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, compareIsoDate, daysInMonth, isoDateFromEpochMs } from './calendar.js';
import {
  anchorAfterIntervalChange, anchorFromDate, chargeablePeriodFrom, cycleContaining, endEarly, isProrated, lastDayOfPeriod,
  type BillingAnchor, type BillingInterval, type ChargeablePeriod,
} from './periods.js';

/** The start dates of `count` consecutive cycles, following each period's end. */
function cycleStarts(start: string, interval: BillingInterval, anchor: BillingAnchor, count: number): string[] {
  const starts: string[] = [];
  let p = chargeablePeriodFrom(start, interval, anchor);
  for (let i = 0; i < count; i++) {
    starts.push(p.start);
    p = chargeablePeriodFrom(p.end, interval, anchor);
  }
  return starts;
}

describe('monthly cycles, month-end clamping', () => {
  it('anchored on the 31st: Jan 31 → Feb 28 → Mar 31 → Apr 30 → May 31', () => {
    expect(cycleStarts('2026-01-31', 'month', { day: 31 }, 5))
      .toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
  });

  it('anchored on the 31st in a leap year: Feb 29', () => {
    expect(cycleStarts('2028-01-31', 'month', { day: 31 }, 3)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  it('anchored on the 30th: Feb 28, then back to the 30th', () => {
    expect(cycleStarts('2026-01-30', 'month', { day: 30 }, 4)).toEqual(['2026-01-30', '2026-02-28', '2026-03-30', '2026-04-30']);
    expect(cycleContaining('2026-02-27', 'month', { day: 30 })).toEqual({ start: '2026-01-30', end: '2026-02-28' });
  });

  it('crosses the year end', () => {
    expect(cycleContaining('2026-12-31', 'month', { day: 15 })).toEqual({ start: '2026-12-15', end: '2027-01-15' });
    expect(cycleContaining('2027-01-03', 'month', { day: 15 })).toEqual({ start: '2026-12-15', end: '2027-01-15' });
  });
});

describe('yearly cycles', () => {
  it('a Feb 29 anchor bills on Feb 28 in common years and Feb 29 in leap years', () => {
    expect(cycleStarts('2028-02-29', 'year', { month: 2, day: 29 }, 5))
      .toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });

  it('uses the anchor month and day', () => {
    expect(cycleContaining('2026-01-10', 'year', { month: 6, day: 15 })).toEqual({ start: '2025-06-15', end: '2026-06-15' });
  });

  it('rejects an anchor without a month or with an impossible day', () => {
    expect(() => cycleContaining('2026-01-10', 'year', { day: 15 })).toThrow(/yearly anchor needs a month/);
    expect(() => cycleContaining('2026-01-10', 'year', { month: 4, day: 31 })).toThrow(/at most 30 days/);
    expect(() => cycleContaining('2026-01-10', 'month', { day: 0 })).toThrow('Invalid anchor day 0: expected 1..31');
  });
});

describe('cycleContaining', () => {
  it('includes its start and excludes its end', () => {
    expect(cycleContaining('2026-02-01', 'month', { day: 1 })).toEqual({ start: '2026-02-01', end: '2026-03-01' });
    expect(cycleContaining('2026-01-31', 'month', { day: 1 })).toEqual({ start: '2026-01-01', end: '2026-02-01' });
    expect(cycleContaining('2026-02-28', 'month', { day: 31 })).toEqual({ start: '2026-02-28', end: '2026-03-31' });
  });
});

describe('lastDayOfPeriod', () => {
  it('is the day before the exclusive end, across month and year ends and leap days', () => {
    expect(lastDayOfPeriod({ start: '2026-01-15', end: '2026-02-15' })).toBe('2026-02-14');
    expect(lastDayOfPeriod({ start: '2028-02-01', end: '2028-03-01' })).toBe('2028-02-29');
    expect(lastDayOfPeriod({ start: '2026-02-01', end: '2026-03-01' })).toBe('2026-02-28');
    expect(lastDayOfPeriod({ start: '2025-12-01', end: '2026-01-01' })).toBe('2025-12-31');
  });

  it('is the start itself for a one-day period', () => {
    expect(lastDayOfPeriod({ start: '2026-05-31', end: '2026-06-01' })).toBe('2026-05-31');
  });
});

describe('chargeable periods', () => {
  it('starting on the anchor gives a full cycle, otherwise a partial first period', () => {
    const full = chargeablePeriodFrom('2026-01-01', 'month', { day: 1 });
    expect(full).toEqual({ start: '2026-01-01', end: '2026-02-01', cycle: { start: '2026-01-01', end: '2026-02-01' } });
    expect(isProrated(full)).toBe(false);

    const partial = chargeablePeriodFrom('2026-01-10', 'month', { day: 1 });
    expect(partial).toEqual({ start: '2026-01-10', end: '2026-02-01', cycle: { start: '2026-01-01', end: '2026-02-01' } });
    expect(isProrated(partial)).toBe(true);
  });

  it('takes the anchor from a start date', () => {
    expect(anchorFromDate('2026-01-31', 'month')).toEqual({ day: 31 });
    expect(anchorFromDate('2028-02-29', 'year')).toEqual({ month: 2, day: 29 });
    expect(anchorFromDate('2026-06-15', 'year')).toEqual({ month: 6, day: 15 });
  });

  it('renews on a chosen billing day instead of the start date\'s', () => {
    expect(anchorFromDate('2026-01-10', 'month', 1)).toEqual({ day: 1 });
    expect(anchorFromDate('2026-02-10', 'month', 31)).toEqual({ day: 31 });
    expect(anchorFromDate('2026-04-10', 'year', 15)).toEqual({ month: 4, day: 15 });
    expect(chargeablePeriodFrom('2026-01-10', 'month', anchorFromDate('2026-01-10', 'month', 1)))
      .toMatchObject({ start: '2026-01-10', end: '2026-02-01' });
  });

  it('keeps a yearly billing day within its month, allowing Feb 29', () => {
    expect(anchorFromDate('2026-04-10', 'year', 31)).toEqual({ month: 4, day: 30 });
    expect(anchorFromDate('2026-02-10', 'year', 31)).toEqual({ month: 2, day: 29 });
  });

  it('refuses a billing day that is no day of a month', () => {
    expect(() => anchorFromDate('2026-01-10', 'month', 0)).toThrow('Invalid billing day 0: expected 1..31');
    expect(() => anchorFromDate('2026-01-10', 'year', 32)).toThrow('Invalid billing day 32: expected 1..31');
    expect(() => anchorFromDate('2026-01-10', 'month', 1.5)).toThrow('Invalid billing day 1.5: expected 1..31');
  });

  it('moves the anchor to a new interval on the day the change takes effect', () => {
    expect(anchorAfterIntervalChange({ day: 31 }, 'year', '2026-02-28')).toEqual({ month: 2, day: 29 });
    expect(anchorAfterIntervalChange({ day: 15 }, 'year', '2026-07-15')).toEqual({ month: 7, day: 15 });
    expect(anchorAfterIntervalChange({ month: 2, day: 29 }, 'month', '2027-02-28')).toEqual({ day: 29 });
    // switched on Feb 28 of a common year, the yearly plan renews on Feb 29 when there is one
    const anchor = anchorAfterIntervalChange({ day: 31 }, 'year', '2026-02-28');
    expect(cycleStarts('2026-02-28', 'year', anchor, 3)).toEqual(['2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('ends early on cancellation, within (start, end]', () => {
    const p = chargeablePeriodFrom('2026-01-01', 'month', { day: 1 });
    const cut = endEarly(p, '2026-01-20');
    expect(cut).toEqual({ start: '2026-01-01', end: '2026-01-20', cycle: p.cycle });
    expect(isProrated(cut)).toBe(true);
    expect(endEarly(p, '2026-02-01')).toEqual(p);
    expect(() => endEarly(p, '2026-01-01')).toThrow('Invalid endDate "2026-01-01": must be after 2026-01-01 and no later than 2026-02-01');
    expect(() => endEarly(p, '2026-02-02')).toThrow(/Invalid endDate "2026-02-02"/);
    expect(() => endEarly(p, '2026-02-30')).toThrow(/Invalid endDate "2026-02-30"/);
  });
});

describe('properties', () => {
  const date = fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2200, 0, 1) / 86_400_000 })
    .map((day) => isoDateFromEpochMs(day * 86_400_000));
  const schedule = fc.oneof(
    fc.record({ interval: fc.constant<BillingInterval>('month'), anchor: fc.record({ day: fc.integer({ min: 1, max: 31 }) }) }),
    fc.integer({ min: 1, max: 12 }).chain((month) =>
      fc.record({
        interval: fc.constant<BillingInterval>('year'),
        anchor: fc.record({ month: fc.constant(month), day: fc.integer({ min: 1, max: daysInMonth(2000, month) }) }),
      })),
  );

  it('consecutive periods are contiguous and every day lies in exactly one cycle', () => {
    fc.assert(
      fc.property(date, schedule, (start, { interval, anchor }) => {
        const periods: ChargeablePeriod[] = [chargeablePeriodFrom(start, interval, anchor)];
        const count = interval === 'month' ? 14 : 3;
        while (periods.length < count) periods.push(chargeablePeriodFrom(periods.at(-1)!.end, interval, anchor));
        for (const [i, p] of periods.entries()) {
          expect(compareIsoDate(p.start, p.end)).toBe(-1);
          expect(p.end).toBe(p.cycle.end);
          if (i > 0) expect(isProrated(p)).toBe(false);
          if (i + 1 < periods.length) expect(periods[i + 1]!.start).toBe(p.end);
        }
        // walk every day: the cycle containing it is the one period that covers it
        let index = 0;
        for (let d = start; d !== periods.at(-1)!.end; d = addDays(d, 1)) {
          if (d === periods[index]!.end) index += 1;
          expect(cycleContaining(d, interval, anchor)).toEqual(periods[index]!.cycle);
        }
      }),
      { numRuns: 40 },
    );
  });
});
