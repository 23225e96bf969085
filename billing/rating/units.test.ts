import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
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

  it('converts data there and back without losing anything', () => {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    const quantity = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
      .map(([digits, places]) => (digits * 10n ** BigInt(places)).toString());
    fc.assert(
      fc.property(quantity, fc.constantFrom(...units), fc.constantFrom(...units), fc.constantFrom(1000, 1024), (value, from, to, base) => {
        const there = convertQuantity(value, from, to, base as 1000 | 1024);
        expect(convertQuantity(there, to, from, base as 1000 | 1024)).toBe(convertQuantity(value, from, from, 1000));
      }),
    );
  });
});
