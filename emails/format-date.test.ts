import { describe, expect, it } from 'vitest';
import { formatDisplayDate } from './format-date.js';

describe('formatDisplayDate', () => {
  it('writes the day, the month in words and the year', () => {
    expect(formatDisplayDate('2026-03-01')).toBe('1 March 2026');
    expect(formatDisplayDate('2026-12-31')).toBe('31 December 2026');
  });

  it('refuses anything that is not a YYYY-MM-DD date, naming it', () => {
    expect(() => formatDisplayDate('2026-13-01')).toThrow('got "2026-13-01"');
    expect(() => formatDisplayDate('01/03/2026')).toThrow('got "01/03/2026"');
    expect(() => formatDisplayDate('')).toThrow('YYYY-MM-DD');
  });
});
