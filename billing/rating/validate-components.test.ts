import { describe, it, expect } from 'vitest';
import { MAX_AMOUNT_MINOR } from '../amount-bound.js';
import { validateRateComponents } from './validate-components.js';

describe('validateRateComponents', () => {
  it('accepts one component of every type', () => {
    expect(
      validateRateComponents([
        { type: 'fixed', name: 'Line rental', amount: 3000 },
        { type: 'per_day', name: 'Static IP', amount: 15 },
        { type: 'stepped', name: 'Data', meter: 'data', ranges: [{ upTo: 10, unitAmountDecimal: '0.5', flatAmount: 0 }, { upTo: null, unitAmountDecimal: '0.045' }], minimumAmount: 500 },
        { type: 'volume', name: 'Transit', meter: 'data', ranges: [{ upTo: null, unitAmountDecimal: '2' }] },
        { type: 'package', name: 'Voice', meter: 'voice', packageSize: 0.5, amount: 1000, freeUnits: 100 },
      ]),
    ).toEqual([]);
  });

  it('reports every problem with its JSON path', () => {
    expect(
      validateRateComponents([
        { type: 'fixed', name: ' ', amount: 12.5 },
        {
          type: 'stepped',
          name: 'Data',
          ranges: [
            { upTo: 10, unitAmountDecimal: '0.0000001' },
            { upTo: null, unitAmountDecimal: '-1' },
            { upTo: 5, unitAmountDecimal: '1e3', flatAmount: -1 },
          ],
        },
        { type: 'package', name: 'Voice', meter: 'voice', packageSize: 0, amount: 100, freeUnits: -5, minimumAmmount: 10 },
        { type: 'tiered', name: 'X' },
        'fixed',
      ]),
    ).toEqual([
      { path: 'components[0].name', message: 'must be a non-empty text of at most 120 characters, got " "' },
      { path: 'components[0].amount', message: 'must be a whole number of minor units, 0 or more, got 12.5' },
      { path: 'components[1].meter', message: 'is required' },
      {
        path: 'components[1].ranges[0].unitAmountDecimal',
        message: 'must be a decimal string of minor units, 0 or more, with at most 6 decimals, such as "0.045", got "0.0000001"',
      },
      {
        path: 'components[1].ranges[1].unitAmountDecimal',
        message: 'must be a decimal string of minor units, 0 or more, with at most 6 decimals, such as "0.045", got "-1"',
      },
      { path: 'components[1].ranges[1].upTo', message: 'only the last range may be open (upTo null)' },
      {
        path: 'components[1].ranges[2].unitAmountDecimal',
        message: 'must be a decimal string of minor units, 0 or more, with at most 6 decimals, such as "0.045", got "1e3"',
      },
      { path: 'components[1].ranges[2].flatAmount', message: 'must be a whole number of minor units, 0 or more, got -1' },
      { path: 'components[1].ranges[2].upTo', message: "must be greater than the previous range's upTo (10), got 5" },
      { path: 'components[1].ranges[2].upTo', message: 'the last range must be open (upTo null) so that every unit has a price, got 5' },
      { path: 'components[2].packageSize', message: 'must be a number of units greater than 0, got 0' },
      { path: 'components[2].freeUnits', message: 'must be a number of units, 0 or more, got -5' },
      { path: 'components[2].minimumAmmount', message: 'is not a known field here (expected type, name, meter, packageSize, amount, freeUnits, minimumAmount, unit)' },
      { path: 'components[3].type', message: 'must be one of fixed, per_day, stepped, volume, package, got "tiered"' },
      { path: 'components[4]', message: 'must be a rate component such as {"type": "fixed", ...}, got "fixed"' },
    ]);
  });

  it('wants ranges, and a first upTo above 0', () => {
    expect(validateRateComponents([{ type: 'volume', name: 'T', meter: 'data', ranges: [] }])).toEqual([
      { path: 'components[0].ranges', message: 'must list at least one range, got []' },
    ]);
    expect(validateRateComponents([{ type: 'volume', name: 'T', meter: 'data', ranges: [{ upTo: 0, unitAmountDecimal: '1' }, { unitAmountDecimal: '1' }] }])).toEqual([
      { path: 'components[0].ranges[0].upTo', message: 'must be greater than 0, got 0' },
      { path: 'components[0].ranges[1].upTo', message: 'is required (a number, or null for the last range)' },
    ]);
  });

  it('holds amounts and unit prices to the one amount bound, so a single unit can always be billed', () => {
    const bound = Number(MAX_AMOUNT_MINOR);
    expect(
      validateRateComponents([
        { type: 'fixed', name: 'Most', amount: bound },
        { type: 'stepped', name: 'Data', meter: 'data', ranges: [{ upTo: 1, unitAmountDecimal: `${MAX_AMOUNT_MINOR}.000000`, flatAmount: bound }, { upTo: null, unitAmountDecimal: '0.5' }] },
      ]),
    ).toEqual([]);
    expect(
      validateRateComponents([
        { type: 'fixed', name: 'Rental', amount: bound + 1 },
        { type: 'stepped', name: 'Data', meter: 'data', minimumAmount: 2 ** 53 - 1, ranges: [{ upTo: 1, unitAmountDecimal: `${MAX_AMOUNT_MINOR}.000001`, flatAmount: bound + 1 }, { upTo: null, unitAmountDecimal: '9'.repeat(400) }] },
      ]),
    ).toEqual([
      { path: 'components[0].amount', message: `must be at most 1000000000000000 minor units, got ${bound + 1}` },
      { path: 'components[1].ranges[0].unitAmountDecimal', message: 'must be at most 1000000000000000 minor units, got "1000000000000000.000001"' },
      { path: 'components[1].ranges[0].flatAmount', message: `must be at most 1000000000000000 minor units, got ${bound + 1}` },
      { path: 'components[1].ranges[1].unitAmountDecimal', message: `must be at most 1000000000000000 minor units, got "${'9'.repeat(79)}… (402 characters)` },
      { path: 'components[1].minimumAmount', message: 'must be at most 1000000000000000 minor units, got 9007199254740991' },
    ]);
  });

  it('shows a refused value short, however long or deeply nested it was sent', () => {
    const nested = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) as unknown;
    expect(validateRateComponents([{ type: nested, name: 'x'.repeat(1_000_000), amount: 1 }, { type: 'fixed', name: nested, amount: 1 }])).toEqual([
      { path: 'components[0].type', message: 'must be one of fixed, per_day, stepped, volume, package, got lists nested too deep to show' },
      { path: 'components[1].name', message: expect.stringMatching(/, got lists nested too deep to show$/) },
    ]);
    const long = validateRateComponents([{ type: 'fixed', name: 'Line rental', amount: 'x'.repeat(1_000_000) }]);
    expect(long).toEqual([{ path: 'components[0].amount', message: expect.stringMatching(/, got "x{79}… \(1000002 characters\)$/) }]);
  });

  it('wants a non-empty list', () => {
    expect(validateRateComponents({})).toEqual([{ path: 'components', message: 'must be a list of rate components, got {}' }]);
    expect(validateRateComponents([])).toEqual([{ path: 'components', message: 'a rate needs at least one component' }]);
  });
});

describe('a metered component’s own unit', () => {
  it('must be one Uplink converts, so a typo is refused when the rate is saved, not at every invoice', () => {
    const stepped = (unit: string) => [{ type: 'stepped', name: 'Data', meter: 'data', unit, ranges: [{ upTo: null, unitAmountDecimal: '1' }] }];
    expect(validateRateComponents(stepped('GB'))).toEqual([]);
    expect(validateRateComponents(stepped('GBs'))).toEqual([
      {
        path: 'components[0].unit',
        message: 'must be a unit Uplink converts (B, kB, MB, GB, TB, s, min, h, Wh, kWh, MWh); leave it out to price in the meter\'s own unit, got "GBs"',
      },
    ]);
  });
});
