import { describe, expect, it } from 'vitest';
import { accrualPeriod, occurrenceDay, occurrencesDue, type OccurrenceSchedule } from './penalty-occurrences.js';

const once: OccurrenceSchedule = { dueDate: '2026-03-10', graceDays: 0, everyDays: null, countLimit: null };

describe('occurrences', () => {
  it('charges a once rule on the day after the due date, or after the grace days', () => {
    expect(occurrenceDay(once, 0)).toBe('2026-03-11');
    expect(occurrenceDay({ ...once, graceDays: 5 }, 0)).toBe('2026-03-16');
    expect(occurrencesDue(once, { asOf: '2026-03-10', settledOn: null, charged: [] })).toEqual([]);
    expect(occurrencesDue(once, { asOf: '2026-03-11', settledOn: null, charged: [] })).toEqual([0]);
    expect(occurrencesDue(once, { asOf: '2026-12-31', settledOn: null, charged: [] })).toEqual([0]);
    expect(occurrencesDue(once, { asOf: '2026-12-31', settledOn: null, charged: [0] })).toEqual([]);
    // Five days' grace: nothing on the 15th, the charge on the 16th.
    expect(occurrencesDue({ ...once, graceDays: 5 }, { asOf: '2026-03-15', settledOn: null, charged: [] })).toEqual([]);
    expect(occurrencesDue({ ...once, graceDays: 5 }, { asOf: '2026-03-16', settledOn: null, charged: [] })).toEqual([0]);
  });

  it('recurs every N days after the first, returns every one already due, and stops at the count limit', () => {
    const weekly = { ...once, graceDays: 2, everyDays: 7, countLimit: 3 };
    // Occurrence k on 2026-03-10 + 2 + 7k + 1: the 13th, 20th, 27th; a 4th (April 3rd) never.
    expect([0, 1, 2, 3].map((k) => occurrenceDay(weekly, k))).toEqual(['2026-03-13', '2026-03-20', '2026-03-27', '2026-04-03']);
    expect(occurrencesDue(weekly, { asOf: '2026-03-19', settledOn: null, charged: [] })).toEqual([0]);
    expect(occurrencesDue(weekly, { asOf: '2026-03-20', settledOn: null, charged: [0] })).toEqual([1]);
    expect(occurrencesDue(weekly, { asOf: '2026-06-30', settledOn: null, charged: [1] })).toEqual([0, 2]);
    expect(occurrencesDue({ ...weekly, countLimit: null }, { asOf: '2026-04-03', settledOn: null, charged: [0, 1, 2] })).toEqual([3]);
  });

  it('falls on no day on or after the settled day', () => {
    const weekly = { ...once, everyDays: 7 };
    // Days: the 11th, 18th, 25th. Settled on the 25th: the 25th's occurrence never comes.
    expect(occurrencesDue(weekly, { asOf: '2026-04-30', settledOn: '2026-03-25', charged: [] })).toEqual([0, 1]);
    expect(occurrencesDue(weekly, { asOf: '2026-04-30', settledOn: '2026-03-11', charged: [] })).toEqual([]);
  });

  it('bills interest from the day after the due date to the first charge day, then the days since the previous one', () => {
    const weekly = { ...once, graceDays: 2, everyDays: 7, countLimit: null };
    // Grace only delays the first charge: it bills the 11th to the 13th, 3 days.
    expect(accrualPeriod(weekly, 0)).toEqual({ from: '2026-03-11', to: '2026-03-13' });
    expect(accrualPeriod(weekly, 1)).toEqual({ from: '2026-03-14', to: '2026-03-20' });
  });
});
