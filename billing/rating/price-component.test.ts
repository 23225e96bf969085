import { describe, it, expect } from 'vitest';
import type { RateComponent } from './components.js';
import { priceComponent } from './price-component.js';

const input = { consumption: '12', activeDays: 30, cycleDays: 30, daysBeforeSegment: 0, currency: 'EUR' };
const data = { type: 'stepped', name: 'Data', meter: 'data', ranges: [{ upTo: null, unitAmountDecimal: '1' }] } as const;

describe('priceComponent', () => {
  it('leaves the unit null when the caller gives none', () => {
    expect(priceComponent({ ...data, ranges: [...data.ranges] }, input)).toMatchObject({ unit: null, description: 'Data — 12 units: 12 units at 0.01 EUR' });
  });

  it('refuses an invalid component, naming its fields', () => {
    const broken = { type: 'stepped', name: 'Data', meter: 'data', ranges: [{ upTo: null, unitAmountDecimal: '0.1234567' }] } as RateComponent;
    expect(() => priceComponent(broken, input)).toThrow(
      'Invalid rate component "Data": component.ranges[0].unitAmountDecimal must be a decimal string of minor units, 0 or more, with at most 6 decimals, such as "0.045", got "0.1234567"',
    );
  });

  it('refuses a consumption that is not a non-negative plain decimal', () => {
    const stepped = { ...data, ranges: [...data.ranges] };
    expect(() => priceComponent(stepped, { ...input, consumption: '-1' })).toThrow('consumption must be a plain decimal of 0 or more such as "12.5", got "-1"');
    expect(() => priceComponent(stepped, { ...input, consumption: '1,5' })).toThrow('got "1,5"');
  });

  it('refuses days outside the cycle and an invalid currency', () => {
    const fixed: RateComponent = { type: 'fixed', name: 'Rental', amount: 100 };
    expect(() => priceComponent(fixed, { ...input, daysBeforeSegment: 20, activeDays: 11 })).toThrow('activeDays must be a whole number of days from 0 to 10');
    expect(() => priceComponent(fixed, { ...input, currency: 'eur' })).toThrow('Invalid currency "eur"');
  });
});
