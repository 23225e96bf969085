import { describe, expect, it } from 'vitest';
import { detectDecimalSeparator, parseNumberCell, type DecimalSeparator } from './numbers.js';

const read = (value: Parameters<typeof parseNumberCell>[0], separator: DecimalSeparator = '.') => {
  const parsed = parseNumberCell(value, separator);
  return parsed.ok ? parsed.value : parsed.reason;
};

describe('number parsing', () => {
  it('reads plain decimals, thousands separators of every habit, and numbers from spreadsheets', () => {
    expect(read('1234.5')).toBe('1234.5');
    expect(read('1,234.5')).toBe('1234.5');
    expect(read('1.234,5', ',')).toBe('1234.5');
    expect(read('1 234,5', ',')).toBe('1234.5');
    expect(read('1\u00a0234\u00a0567,25', ',')).toBe('1234567.25');
    expect(read("1'234.5")).toBe('1234.5');
    expect(read(' -0012.50 ')).toBe('-12.50');
    expect(read('+7')).toBe('7');
    expect(read('.5')).toBe('0.5');
    expect(read('123,45', ',')).toBe('123.45');
    expect(read(123.45)).toBe('123.45');
    expect(read(1e21)).toBe('1000000000000000000000');
    expect(read(1.5e-7)).toBe('0.00000015');
  });

  it('reads well-formed exponents as plain decimals', () => {
    expect(read('1.2345E+05')).toBe('123450');
    expect(read('2,5e-3', ',')).toBe('0.0025');
    expect(read('-4e2')).toBe('-400');
  });

  it('refuses what is not a number, naming the value and the separator', () => {
    expect(read('12abc')).toBe("'12abc' is not a number (with '.' as decimal separator)");
    expect(read('1,5')).toBe("'1,5' is not a number (with '.' as decimal separator)");
    expect(read('1.2.3')).toBe("'1.2.3' is not a number (with '.' as decimal separator)");
    expect(read('1,23,456.7')).toBe("'1,23,456.7' is not a number (with '.' as decimal separator)");
    expect(read('1e')).toBe("'1e' is not a number (with '.' as decimal separator)");
    expect(read('1e5e3')).toBe("'1e5e3' is not a number (with '.' as decimal separator)");
    expect(read(`1.2.${'3'.repeat(100_000)}`)).toBe(`'1.2.${'3'.repeat(36)}…' (100004 characters) is not a number (with '.' as decimal separator)`);
    expect(read('e5')).toBe("'e5' is not a number (with '.' as decimal separator)");
    expect(read('NaN')).toBe("'NaN' is not a number (with '.' as decimal separator)");
    expect(read('-')).toBe("'-' is not a number (with '.' as decimal separator)");
    expect(read('1e99999')).toBe("'1e99999' has an exponent too large for a reading");
    expect(read(Number.NaN)).toBe("'NaN' is not a number");
    expect(read(Number.POSITIVE_INFINITY)).toBe("'Infinity' is not a number");
    expect(read('')).toBe('No number given');
    expect(read(null)).toBe('No number given');
    expect(read(true)).toBe("'true' is not a number");
    expect(read(new Date(Date.UTC(2026, 9, 1)))).toBe("'2026-10-01T00:00:00.000Z' is a date, not a number");
  });
});

describe('decimal separator detection', () => {
  it('takes the separator most samples show, the last of two marks, and point when in doubt', () => {
    expect(detectDecimalSeparator(['12,5', '13', '14,25'])).toBe(',');
    expect(detectDecimalSeparator(['12.5', '13', 14.25])).toBe('.');
    expect(detectDecimalSeparator(['1.234,5', '1,234'])).toBe(',');
    expect(detectDecimalSeparator(['1,234.5'])).toBe('.');
    expect(detectDecimalSeparator(['1.234.567'])).toBe(',');
    expect(detectDecimalSeparator(['1,234', '2,000'])).toBe('.');
    expect(detectDecimalSeparator([1, 2, null])).toBe('.');
  });
});
