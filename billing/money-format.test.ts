import { describe, it, expect } from 'vitest';
import { formatMoney, formatUnitPrice, minorUnitsToDecimalString } from './money-format.js';
import { money } from './money.js';

describe('minorUnitsToDecimalString', () => {
  it.each([
    [1999n, 2, '19.99'],
    [-1999n, 2, '-19.99'],
    [5n, 2, '0.05'],
    [-5n, 3, '-0.005'],
    [0n, 2, '0.00'],
    [1234n, 0, '1234'],
    [-1234n, 0, '-1234'],
  ])('%i with %i digits → %s', (minor, exponent, expected) => {
    expect(minorUnitsToDecimalString(minor, exponent)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it('formats in the currency and locale', () => {
    expect(formatMoney(money(123456n, 'USD'))).toBe('$1,234.56');
    expect(formatMoney(money(-5n, 'USD'))).toBe('-$0.05');
    expect(formatMoney(money(123456n, 'EUR'), 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('formats JPY without decimals, and 3-decimal currencies with all three', () => {
    expect(formatMoney(money(1234n, 'JPY'))).toBe('¥1,234');
    expect(formatMoney(money(1234n, 'JPY'), 'ja-JP')).toBe('￥1,234');
    expect(formatMoney(money(1234n, 'KWD'))).toBe('KWD\u00a01.234');
  });

  // Checks that Intl receives an exact decimal string: through a float, these would come out wrong.
  it('formats amounts beyond float precision exactly', () => {
    expect(formatMoney(money(1234567890123456789n, 'USD'))).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney(money(900719925474099399n, 'EUR'))).toBe('€9,007,199,254,740,993.99');
  });
});

describe('formatUnitPrice', () => {
  it('shows a sub-cent price with every digit, in major units', () => {
    expect(formatUnitPrice('0.045', 'EUR')).toBe('€0.00045');
    expect(formatUnitPrice('12.5', 'USD')).toBe('$0.125');
    expect(formatUnitPrice('250', 'EUR')).toBe('€2.50');
    expect(formatUnitPrice('7', 'JPY')).toBe('¥7');
  });

  it('refuses anything but a plain decimal', () => {
    expect(() => formatUnitPrice('1e3', 'EUR')).toThrow(/plain decimal/);
  });
});
