import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { NUMERIC_LIMITS, QUANTITY_LIMITS, parsePlainDecimal } from '../decimal-text.js';
import { convertQuantity, normalizeUnit, unitFamily, UnitError } from './units.js';

describe('normalizeUnit', () => {
  it.each([
    ['KB', 'kB'], ['kB', 'kB'], [' GB ', 'GB'], ['bytes', 'B'],
    ['sec', 's'], ['Seconds', 's'], ['minutes', 'min'], ['hours', 'h'], ['kWh', 'kWh'],
    ['ports', 'ports'],
  ])('spells %j as %j', (unit, canonical) => {
    expect(normalizeUnit(unit)).toBe(canonical);
  });

  it('keeps megabits apart from megabytes', () => {
    expect(normalizeUnit('Mb')).toBe('Mb');
    expect(unitFamily('Mb')).toBeNull();
  });

  it('refuses an empty unit', () => {
    expect(() => normalizeUnit('  ')).toThrow(UnitError);
    expect(() => normalizeUnit('')).toThrow('A unit is required, got ""');
  });
});

describe('unitFamily', () => {
  it.each([['TB', 'data'], ['KB', 'data'], ['min', 'time'], ['hours', 'time'], ['MWh', 'energy'], ['ports', null]])(
    '%s is %s',
    (unit, family) => expect(unitFamily(unit)).toBe(family),
  );
});

describe('convertQuantity', () => {
  it.each([
    ['1024', 'MB', 'GB', 1024, '1'],
    ['1500', 'MB', 'GB', 1000, '1.5'],
    ['1500', 'MB', 'GB', 1024, '1.46484375'],
    ['1', 'B', 'TB', 1024, '0.0000000000009094947017729282379150390625'],
    ['2.5', 'TB', 'KB', 1000, '2500000000'],
    ['90', 'minutes', 'hours', 1000, '1.5'],
    ['90', 's', 'min', 1000, '1.5'],
    ['1.25', 'h', 'sec', 1000, '4500'],
    ['2500', 'Wh', 'kWh', 1024, '2.5'],
    ['12.50', 'GB', 'GB', 1000, '12.5'],
    ['7', 'ports', 'ports', 1000, '7'],
    ['0', 'MB', 'GB', 1024, '0'],
    ['-2048', 'kB', 'MB', 1024, '-2'],
  ])('%s %s is %s %s at base %s', (value, from, to, base, expected) => {
    expect(convertQuantity(value, from, to, base as 1000 | 1024)).toBe(expected);
  });

  it('rounds a time that has no finite decimal to 18 places, half-even', () => {
    expect(convertQuantity('100', 's', 'min', 1000)).toBe('1.666666666666666667');
    expect(convertQuantity('1', 's', 'h', 1000)).toBe('0.000277777777777778');
  });

  it('names both units and their families when they cannot convert', () => {
    expect(() => convertQuantity('5', 'minutes', 'GB', 1000)).toThrow('cannot convert "minutes" (time) to "GB" (data)');
    expect(() => convertQuantity('5', 'kWh', 'h', 1000)).toThrow('cannot convert "kWh" (energy) to "h" (time)');
    expect(() => convertQuantity('5', 'Mb', 'MB', 1000)).toThrow('cannot convert "Mb" (unknown unit) to "MB" (data)');
    expect(() => convertQuantity('5', 'minutes', 'GB', 1000)).toThrow(UnitError);
  });

  it('refuses a quantity that is not a plain decimal, and an unknown base', () => {
    expect(() => convertQuantity('1e3', 'MB', 'GB', 1000)).toThrow('Invalid quantity "1e3"');
    expect(() => convertQuantity('', 'MB', 'GB', 1000)).toThrow('Invalid quantity ""');
    expect(() => convertQuantity('1', 'MB', 'GB', 1001 as 1000)).toThrow('Invalid base 1001');
  });

  it('refuses a quantity longer than any reading in any unit, before doing arithmetic on it', () => {
    expect(() => convertQuantity(`1.${'7'.repeat(200_000)}`, 's', 'min', 1000)).toThrow(
      `Invalid quantity "1.${'7'.repeat(38)}"… (200002 characters): has 200000 digits after the decimal point; at most 58`,
    );
    expect(() => convertQuantity('1'.repeat(34), 'TB', 'B', 1024)).toThrow('has 34 digits before the decimal point; at most 33');
  });

  it('gives every reading within QUANTITY_LIMITS a result that Postgres numeric holds', () => {
    const widest = `${'9'.repeat(QUANTITY_LIMITS.maxIntegerDigits)}.${'9'.repeat(QUANTITY_LIMITS.maxFractionDigits)}`;
    const smallest = `0.${'0'.repeat(QUANTITY_LIMITS.maxFractionDigits - 1)}1`;
    const inBytes = convertQuantity(widest, 'TB', 'B', 1024);
    const inTerabytes = convertQuantity(smallest, 'B', 'TB', 1024);
    expect(inBytes.split('.')[0]).toHaveLength(33);
    expect(inTerabytes.split('.')[1]).toHaveLength(58);
    expect(convertQuantity(smallest, 's', 'h', 1000)).toBe('0');
    for (const result of [inBytes, inTerabytes, convertQuantity(widest, 'h', 's', 1000), convertQuantity(widest, 's', 'h', 1000)]) {
      expect(parsePlainDecimal(result, NUMERIC_LIMITS)).toMatchObject({ ok: true, value: result });
    }
    // And back: what a reading became in another unit converts again.
    expect(convertQuantity(inTerabytes, 'TB', 'B', 1024)).toBe(smallest);
    expect(convertQuantity(inBytes, 'B', 'TB', 1024)).toBe(widest);
  });

  it('converts data there and back without losing anything', () => {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    const quantity = fc
      .tuple(fc.stringMatching(/^[1-9]\d{0,19}$|^0$/), fc.option(fc.stringMatching(/^\d{0,17}[1-9]$/), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(quantity, fc.constantFrom(...units), fc.constantFrom(...units), fc.constantFrom(1000, 1024), (value, from, to, base) => {
        const there = convertQuantity(value, from, to, base as 1000 | 1024);
        expect(convertQuantity(there, to, from, base as 1000 | 1024)).toBe(value);
      }),
    );
  });
});
