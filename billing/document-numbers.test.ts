import { describe, expect, it } from 'vitest';
import { documentNumber } from './document-numbers.js';

describe('documentNumber', () => {
  it('names the series and the year, and pads the count to six digits', () => {
    expect(documentNumber('INV', 2026, 1)).toBe('INV-2026-000001');
    expect(documentNumber('CN', 2026, 42)).toBe('CN-2026-000042');
    expect(documentNumber('Q', 2027, 123456)).toBe('Q-2027-123456');
  });

  it('keeps every digit past the millionth document of a year', () => {
    expect(documentNumber('INV', 2026, 1234567)).toBe('INV-2026-1234567');
  });

  it('sorts a year’s numbers in the order they were given', () => {
    const numbers = [1, 9, 10, 99, 100, 999_999].map((n) => documentNumber('INV', 2026, n));
    expect([...numbers].sort()).toEqual(numbers);
  });

  it('refuses a place that is not a whole number from 1', () => {
    expect(() => documentNumber('INV', 2026, 0)).toThrow('A series counts from 1; 0 is no place in it');
    expect(() => documentNumber('INV', 2026, 1.5)).toThrow('1.5 is no place in it');
  });

  it('refuses a year that is not four digits', () => {
    expect(() => documentNumber('Q', 26, 1)).toThrow('Year 26 is outside 1000..9999');
  });
});
