import { describe, expect, it } from 'vitest';
import { detectDateFormat, formatInstant, parseDateCell, type DateFormat } from './dates.js';

const iso = (value: Parameters<typeof parseDateCell>[0], format: DateFormat, timeZone = 'Europe/Berlin') => {
  const parsed = parseDateCell(value, format, timeZone);
  return parsed.ok ? parsed.iso : parsed.reason;
};

describe('date format detection', () => {
  it('settles DD/MM against MM/DD with a day above 12', () => {
    expect(detectDateFormat(['01/10/2026', '15/10/2026 08:00'])).toEqual({ format: 'DD/MM/YYYY', ambiguous: false, candidates: ['DD/MM/YYYY'] });
    expect(detectDateFormat(['10/01/2026', '10/15/2026'])).toEqual({ format: 'MM/DD/YYYY', ambiguous: false, candidates: ['MM/DD/YYYY'] });
  });

  it('says when the samples could be either, offering day-first with the alternative', () => {
    expect(detectDateFormat(['01/10/2026', '02/10/2026', null, ''])).toEqual({
      format: 'DD/MM/YYYY',
      ambiguous: true,
      candidates: ['DD/MM/YYYY', 'MM/DD/YYYY'],
    });
    // Both readings agree on 05/05: nothing to ask.
    expect(detectDateFormat(['05/05/2026']).ambiguous).toBe(false);
  });

  it('recognises ISO 8601, dotted and dashed dates, Unix times, Excel serials and date cells', () => {
    expect(detectDateFormat(['2026-10-01T00:00:00Z', '2026-10-01T00:15:00+02:00']).format).toBe('iso');
    expect(detectDateFormat(['2026-10-01 00:00', '2026-10-01 00:15:30'])).toMatchObject({ format: 'iso', ambiguous: false });
    expect(detectDateFormat(['01.10.2026 00:00', '31.10.2026'])).toMatchObject({ format: 'DD.MM.YYYY', ambiguous: false });
    expect(detectDateFormat(['01-10-2026', '31-10-2026'])).toMatchObject({ format: 'DD-MM-YYYY', ambiguous: false });
    expect(detectDateFormat([1790812800, '1790816400'])).toEqual({ format: 'unix-seconds', ambiguous: false, candidates: ['unix-seconds'] });
    expect(detectDateFormat(['1790812800000'])).toMatchObject({ format: 'unix-milliseconds', ambiguous: false });
    expect(detectDateFormat([46296.25, 46297])).toMatchObject({ format: 'excel-serial', ambiguous: false });
    expect(detectDateFormat([new Date(Date.UTC(2026, 9, 1))])).toEqual({ format: 'date-cell', ambiguous: false, candidates: ['date-cell'] });
    // Date cells fit any format; the text cells beside them decide.
    expect(detectDateFormat([new Date(Date.UTC(2026, 9, 1)), '13/10/2026']).format).toBe('DD/MM/YYYY');
  });

  it('picks the format most samples fit when some are broken, and asks when none fits', () => {
    expect(detectDateFormat(['01.10.2026', '02.10.2026', 'yesterday'])).toMatchObject({ format: 'DD.MM.YYYY', candidates: ['DD.MM.YYYY'] });
    expect(detectDateFormat(['soon', 'later'])).toEqual({ format: 'iso', ambiguous: true, candidates: [] });
  });
});

describe('date parsing', () => {
  it('reads ISO 8601 with Z, an offset, or none (local to the time zone)', () => {
    expect(iso('2026-10-01T06:30:00Z', 'iso')).toBe('2026-10-01T06:30:00.000Z');
    expect(iso('2026-10-01T06:30:00.123+05:30', 'iso')).toBe('2026-10-01T01:00:00.123Z');
    expect(iso('2026-10-01T06:30-0400', 'iso')).toBe('2026-10-01T10:30:00.000Z');
    expect(iso('2026-10-01T06:30:00', 'iso')).toBe('2026-10-01T04:30:00.000Z');
    expect(iso('2026-12-01', 'iso')).toBe('2026-11-30T23:00:00.000Z');
    expect(iso('2026-10-01 06:30', 'YYYY-MM-DD HH:mm', 'UTC')).toBe('2026-10-01T06:30:00.000Z');
  });

  it('reads day-first and month-first dates with optional times', () => {
    expect(iso('15/10/2026 08:05:09', 'DD/MM/YYYY', 'UTC')).toBe('2026-10-15T08:05:09.000Z');
    expect(iso('10/15/2026 8:05', 'MM/DD/YYYY', 'UTC')).toBe('2026-10-15T08:05:00.000Z');
    expect(iso('1.2.2026', 'DD.MM.YYYY', 'UTC')).toBe('2026-02-01T00:00:00.000Z');
    expect(iso('29-02-2028', 'DD-MM-YYYY', 'UTC')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('applies summer and winter time, and refuses a time the spring change skips', () => {
    expect(iso('2026-07-01 12:00', 'YYYY-MM-DD HH:mm')).toBe('2026-07-01T10:00:00.000Z');
    expect(iso('2026-01-01 12:00', 'YYYY-MM-DD HH:mm')).toBe('2026-01-01T11:00:00.000Z');
    expect(iso('29.03.2026 03:00', 'DD.MM.YYYY')).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('29.03.2026 02:30', 'DD.MM.YYYY')).toBe(
      "'29.03.2026 02:30' does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time)",
    );
    // The autumn hour happens twice; the first is taken.
    expect(iso('25.10.2026 02:30', 'DD.MM.YYYY')).toBe('2026-10-25T00:30:00.000Z');
    expect(iso('2026-03-08T02:30:00', 'iso', 'America/New_York')).toMatch(/does not exist in America\/New_York/);
    expect(iso('2026-11-01T01:30:00', 'iso', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads Unix seconds and milliseconds, which need no time zone', () => {
    expect(iso(1790812800, 'unix-seconds')).toBe('2026-10-01T00:00:00.000Z');
    expect(iso('1790812800.5', 'unix-seconds')).toBe('2026-10-01T00:00:00.500Z');
    expect(iso('1790812800000', 'unix-milliseconds')).toBe('2026-10-01T00:00:00.000Z');
  });

  it('reads Excel serials as local times, counting around the 29 February 1900 Excel invented', () => {
    expect(iso(46296, 'excel-serial', 'UTC')).toBe('2026-10-01T00:00:00.000Z');
    expect(iso(46296.25, 'excel-serial')).toBe('2026-10-01T04:00:00.000Z');
    expect(iso('46296.5', 'excel-serial', 'UTC')).toBe('2026-10-01T12:00:00.000Z');
    expect(iso(61, 'excel-serial', 'UTC')).toBe('1900-03-01T00:00:00.000Z');
    expect(iso(59, 'excel-serial', 'UTC')).toBe('1900-02-28T00:00:00.000Z');
    expect(iso(1, 'excel-serial', 'UTC')).toBe('1900-01-01T00:00:00.000Z');
    expect(iso(60, 'excel-serial', 'UTC')).toBe(
      "'60' is not a date in Excel serial date (Excel counts a 29 February 1900 that never was)",
    );
  });

  it('reads date cells from a workbook as the wall-clock time they show, whatever format the column has', () => {
    const cell = new Date(Date.UTC(2026, 9, 1, 6, 30));
    expect(iso(cell, 'date-cell')).toBe('2026-10-01T04:30:00.000Z');
    expect(iso(cell, 'DD/MM/YYYY', 'UTC')).toBe('2026-10-01T06:30:00.000Z');
  });

  it('names the value and the expected format when a cell is not a date', () => {
    expect(iso('31/02/2026', 'DD/MM/YYYY')).toBe("'31/02/2026' is not a date in DD/MM/YYYY (February 2026 has 28 days)");
    expect(iso('29.02.2026', 'DD.MM.YYYY')).toBe("'29.02.2026' is not a date in DD.MM.YYYY (February 2026 has 28 days)");
    expect(iso('2026-13-01', 'iso')).toBe("'2026-13-01' is not a date in ISO 8601 (2026-10-01T00:00:00Z) (there is no month 13)");
    expect(iso('2026-10-01 24:00', 'YYYY-MM-DD HH:mm')).toBe("'2026-10-01 24:00' is not a date in YYYY-MM-DD HH:mm[:ss] (no such time of day)");
    expect(iso('2026-10-01', 'DD/MM/YYYY')).toBe("'2026-10-01' is not a date in DD/MM/YYYY");
    expect(iso('12abc', 'unix-seconds')).toBe("'12abc' is not a date in Unix time in seconds");
    expect(iso(null, 'iso')).toBe('No date given');
    expect(iso('  ', 'iso')).toBe('No date given');
    expect(iso(true, 'iso')).toBe("'true' is not a date");
    expect(iso('2026-10-01T00:00:00', 'iso', 'Mars/Olympus')).toBe("'Mars/Olympus' is not a known time zone");
  });
});

describe('instant formatting', () => {
  it('prints instants exactly as Date#toISOString does, across leap years and centuries', () => {
    const instants = [0, -1, 951_782_400_000, 4_107_542_399_999, -62_135_596_800_000, 253_402_300_799_999];
    for (let i = 0; i < 2000; i++) instants.push(Math.round(-62_000_000_000_000 + ((i * 7919) % 2000) * 157_000_000_000 + i * 86_399_999));
    for (const instant of instants) expect(formatInstant(instant)).toBe(new Date(instant).toISOString());
  });
});
