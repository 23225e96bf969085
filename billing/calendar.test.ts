import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays, compareIsoDate, daysBetween, daysInMonth, epochMsOfIsoDate, isLeapYear, isoDateFromEpochMs,
  isoDateFromParts, isoDateParts, maxIsoDate, minIsoDate, parseIsoDate,
} from './calendar.js';

describe('leap years', () => {
  it.each([
    [2024, true], [2026, false], [2100, false], [2000, true], [1900, false], [2028, true],
  ])('%i leap: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('knows the month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m)))
      .toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(() => daysInMonth(2026, 13)).toThrow('Invalid month 13: expected 1..12');
  });
});

describe('parseIsoDate', () => {
  it('accepts real dates, including Feb 29 in leap years', () => {
    expect(parseIsoDate('2026-01-31')).toBe('2026-01-31');
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
  });

  it.each([
    ['2026-02-30', 'Invalid date "2026-02-30": 2026-02 has days 1 to 28'],
    ['2026-02-29', 'Invalid date "2026-02-29": 2026-02 has days 1 to 28'],
    ['2100-02-29', 'Invalid date "2100-02-29": 2100-02 has days 1 to 28'],
    ['2026-04-31', 'Invalid date "2026-04-31": 2026-04 has days 1 to 30'],
    ['2026-01-00', 'Invalid date "2026-01-00": 2026-01 has days 1 to 31'],
    ['2026-13-01', 'Invalid date "2026-13-01": there is no month 13'],
    ['2026-1-5', 'Invalid date "2026-1-5": expected a date as YYYY-MM-DD'],
    ['2026-01-05T00:00:00Z', 'Invalid date "2026-01-05T00:00:00Z": expected a date as YYYY-MM-DD'],
    ['', 'Invalid date "": expected a date as YYYY-MM-DD'],
  ])('rejects %j', (s, message) => {
    expect(() => parseIsoDate(s)).toThrow(message);
  });

  it('names the field', () => {
    expect(() => parseIsoDate('2026-02-30', 'periodStart')).toThrow(/^Invalid periodStart "2026-02-30"/);
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-10', 0)).toBe('2026-01-10');
    expect(() => addDays('2026-01-10', 1.5)).toThrow(/n must be an integer/);
    expect(() => addDays('9999-12-31', 1)).toThrow(/Year 10000 is outside/);
  });

  it('counts days between (b - a)', () => {
    expect(daysBetween('2026-01-10', '2026-02-01')).toBe(22);
    expect(daysBetween('2026-02-01', '2026-01-10')).toBe(-22);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2100-01-01', '2101-01-01')).toBe(365);
  });

  it('compares, and picks min and max', () => {
    expect(compareIsoDate('2026-01-10', '2026-01-09')).toBe(1);
    expect(compareIsoDate('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareIsoDate('2025-12-31', '2026-01-01')).toBe(-1);
    expect(minIsoDate('2026-03-01', '2026-01-31', '2026-02-28')).toBe('2026-01-31');
    expect(maxIsoDate('2026-03-01', '2026-01-31', '2026-02-28')).toBe('2026-03-01');
    expect(() => minIsoDate('2026-02-30')).toThrow(/Invalid date/);
  });

  it('splits and joins parts', () => {
    expect(isoDateParts('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isoDateFromParts(33, 7, 4)).toBe('0033-07-04');
    expect(() => isoDateFromParts(2026, 2, 29)).toThrow(/Invalid date "2026-02-29"/);
  });
});

describe('instants', () => {
  it('gives the UTC date of an instant and the UTC midnight of a date', () => {
    expect(isoDateFromEpochMs(0)).toBe('1970-01-01');
    expect(isoDateFromEpochMs(-1)).toBe('1969-12-31');
    expect(isoDateFromEpochMs(Date.UTC(2026, 0, 31, 23, 59, 59, 999))).toBe('2026-01-31');
    expect(epochMsOfIsoDate('2026-02-01')).toBe(Date.UTC(2026, 1, 1));
    expect(() => isoDateFromEpochMs(Number.NaN)).toThrow(/finite/);
  });

  it('agrees with Date.UTC for every day from year 100 to 9999', () => {
    const minDay = Math.ceil(Date.UTC(100, 0, 1) / 86_400_000);
    const maxDay = Math.floor(Date.UTC(9999, 11, 31) / 86_400_000);
    fc.assert(
      fc.property(fc.integer({ min: minDay, max: maxDay }), fc.integer({ min: 0, max: 86_399_999 }), (day, msInDay) => {
        const ms = day * 86_400_000 + msInDay;
        const d = isoDateFromEpochMs(ms);
        expect(d).toBe(new Date(ms).toISOString().slice(0, 10));
        expect(epochMsOfIsoDate(d)).toBe(day * 86_400_000);
      }),
    );
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400_000, max: 2_500_000 }), fc.integer({ min: -100_000, max: 100_000 }), (day, n) => {
        const d = isoDateFromEpochMs(day * 86_400_000);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});
