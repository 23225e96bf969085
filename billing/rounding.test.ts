import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { divideRoundHalfEven, roundDecimalHalfEven } from './rounding.js';

describe('divideRoundHalfEven', () => {
  it.each([
    [5n, 2n, 2n], // 2.5 → 2
    [7n, 2n, 4n], // 3.5 → 4
    [-5n, 2n, -2n], // -2.5 → -2
    [-7n, 2n, -4n], // -3.5 → -4
    [5n, -2n, -2n],
    [-5n, -2n, 2n],
    [10n, 4n, 2n], // 2.5 → 2
    [14n, 4n, 4n], // 3.5 → 4
    [11n, 4n, 3n], // 2.75 → 3
    [9n, 4n, 2n], // 2.25 → 2
    [0n, 7n, 0n],
    [21n, 7n, 3n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
  ])('%i / %i = %i', (n, d, expected) => {
    expect(divideRoundHalfEven(n, d)).toBe(expected);
  });

  it('refuses a zero denominator', () => {
    expect(() => divideRoundHalfEven(1n, 0n)).toThrow(/denominator must not be zero/);
  });

  it('is within half a unit of the exact quotient and symmetric under negation', () => {
    const nonZero = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), nonZero, (n, d) => {
        const q = divideRoundHalfEven(n, d);
        const error = q * d - n; // (q - n/d) scaled by d
        const absD = d < 0n ? -d : d;
        expect((error < 0n ? -error : error) * 2n <= absD).toBe(true);
        expect(divideRoundHalfEven(-n, d)).toBe(-q);
      }),
    );
  });
});

describe('roundDecimalHalfEven', () => {
  it.each([
    ['2.5', 2n],
    ['3.5', 4n],
    ['-2.5', -2n],
    ['-3.5', -4n],
    ['2.5000000000000000000000000000001', 3n],
    ['0.49999999999999999999999', 0n],
    ['123456789012345678901234567890.5', 123456789012345678901234567890n],
    ['7', 7n],
  ])('%s → %i', (value, expected) => {
    expect(roundDecimalHalfEven(value)).toBe(expected);
  });

  it('accepts Decimal instances, including ones from the default (precision 20) Decimal', () => {
    expect(roundDecimalHalfEven(new Decimal('10.5'))).toBe(10n);
    expect(roundDecimalHalfEven(new Decimal('1.23').times(100))).toBe(123n);
  });

  it.each(['', '1e3', '0x10', ' 1', '1.', '.5', 'abc', '1,5'])('rejects %j', (value) => {
    expect(() => roundDecimalHalfEven(value)).toThrow(/Invalid decimal/);
  });

  it('rejects NaN and infinities', () => {
    expect(() => roundDecimalHalfEven(new Decimal(NaN))).toThrow(/Cannot round NaN/);
    expect(() => roundDecimalHalfEven(new Decimal(Infinity))).toThrow(/Cannot round Infinity/);
  });
});
