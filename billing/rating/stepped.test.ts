import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { money } from '../money.js';
import type { SteppedComponent } from './components.js';
import { priceComponent } from './price-component.js';

const eur = (n: bigint) => money(n, 'EUR');
const data: SteppedComponent = {
  type: 'stepped',
  name: 'Data',
  meter: 'data',
  ranges: [
    { upTo: 10, unitAmountDecimal: '50' },
    { upTo: 100, unitAmountDecimal: '25', flatAmount: 200 },
    { upTo: null, unitAmountDecimal: '0.045' },
  ],
};
const price = (consumption: string, component: SteppedComponent = data) =>
  priceComponent(component, { consumption, activeDays: 30, cycleDays: 30, daysBeforeSegment: 0, currency: 'EUR', unit: 'GB' });

describe('stepped', () => {
  it('fills the ranges in order, each at its price, and rounds the total once, half-even', () => {
    const charge = price('12.5'); // 10 × 50 + 2.5 × 25 + 200 flat = 762.5 → 762
    expect(charge).toEqual({
      description: 'Data — 12.5 GB: 10 GB at 0.50 EUR, 2.5 GB at 0.25 EUR + 2.00 EUR',
      quantity: '12.5',
      unit: 'GB',
      unitAmountDecimal: null,
      amount: eur(762n),
      ranges: [
        { from: '0', upTo: '10', units: '10', unitAmountDecimal: '50', flatAmount: null, amount: '500' },
        { from: '10', upTo: '100', units: '2.5', unitAmountDecimal: '25', flatAmount: eur(200n), amount: '262.5' },
      ],
      minimumTopUp: eur(0n),
    });
  });

  it('keeps consumption exactly on upTo in that range, without the next range flat amount', () => {
    const charge = price('10');
    expect(charge.amount).toEqual(eur(500n));
    expect(charge.ranges).toHaveLength(1);
    expect(price('10.000001').amount).toEqual(eur(700n)); // 500 + 0.000025 + 200 flat
  });

  it('charges nothing, not even a flat amount, for zero consumption', () => {
    const withFirstFlat: SteppedComponent = { ...data, ranges: [{ upTo: null, unitAmountDecimal: '1', flatAmount: 500 }] };
    expect(price('0', withFirstFlat)).toMatchObject({ amount: eur(0n), ranges: [], description: 'Data — 0 GB' });
    expect(price('0.001', withFirstFlat).amount).toEqual(eur(500n)); // 500.001 → 500
  });

  it('prices sub-cent units exactly before rounding: 1001 units at 0.045 is 45.045 → 45', () => {
    const sms: SteppedComponent = { ...data, ranges: [{ upTo: null, unitAmountDecimal: '0.045' }] };
    const charge = price('1001', sms);
    expect(charge.amount).toEqual(eur(45n));
    expect(charge.ranges![0]!.amount).toBe('45.045');
    expect(charge.description).toBe('Data — 1001 GB: 1001 GB at 0.00045 EUR');
  });

  it('reaches the open last range', () => {
    const charge = price('1100'); // 500 + 90 × 25 + 200 + 1000 × 0.045 = 2995
    expect(charge.amount).toEqual(eur(2995n));
    expect(charge.ranges!.map((range) => [range.from, range.upTo, range.units])).toEqual([['0', '10', '10'], ['10', '100', '90'], ['100', null, '1000']]);
  });

  it('never charges less as consumption grows', () => {
    const quantity = fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 1000).toFixed(3));
    fc.assert(
      fc.property(quantity, quantity, (a, b) => {
        const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
        expect(price(low).amount.amountMinor).toBeLessThanOrEqual(price(high).amount.amountMinor);
      }),
    );
  });
});
