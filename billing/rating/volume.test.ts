import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { money } from '../money.js';
import { BillingDecimal, roundDecimalHalfEven } from '../rounding.js';
import type { VolumeComponent } from './components.js';
import { priceComponent } from './price-component.js';

const eur = (n: bigint) => money(n, 'EUR');
const transit: VolumeComponent = {
  type: 'volume',
  name: 'Transit',
  meter: 'data',
  ranges: [
    { upTo: 100, unitAmountDecimal: '2' },
    { upTo: 1000, unitAmountDecimal: '1.5', flatAmount: 500 },
    { upTo: null, unitAmountDecimal: '1' },
  ],
};
const price = (consumption: string) =>
  priceComponent(transit, { consumption, activeDays: 31, cycleDays: 31, daysBeforeSegment: 0, currency: 'EUR', unit: 'GB' });

describe('volume', () => {
  it('prices every unit at the range that holds the total, plus its flat amount', () => {
    expect(price('100.5')).toEqual({
      description: 'Transit — 100.5 GB at 0.015 EUR + 5.00 EUR',
      quantity: '100.5',
      unit: 'GB',
      unitAmountDecimal: '1.5',
      amount: eur(651n), // 150.75 + 500
      ranges: [{ from: '100', upTo: '1000', units: '100.5', unitAmountDecimal: '1.5', flatAmount: eur(500n), amount: '650.75' }],
      minimumTopUp: eur(0n),
    });
  });

  it('keeps a total exactly on upTo in that range', () => {
    expect(price('100').amount).toEqual(eur(200n));
    expect(price('1000').amount).toEqual(eur(2000n));
    expect(price('1001').amount).toEqual(eur(1001n)); // into the cheaper range, without its flat amount
  });

  it('charges nothing for zero consumption', () => {
    expect(price('0')).toMatchObject({ amount: eur(0n), ranges: [], unitAmountDecimal: null, description: 'Transit — 0 GB' });
  });

  it("equals the holding range's price times the units plus its flat amount", () => {
    const quantity = fc.integer({ min: 1, max: 5_000_000 }).map((n) => (n / 1000).toFixed(3));
    fc.assert(
      fc.property(quantity, (consumption) => {
        const total = new BillingDecimal(consumption);
        const holding = total.lte(100) ? transit.ranges[0]! : total.lte(1000) ? transit.ranges[1]! : transit.ranges[2]!;
        const expected = total.times(holding.unitAmountDecimal).plus(holding.flatAmount ?? 0);
        const charge = price(consumption);
        expect(charge.amount).toEqual(eur(roundDecimalHalfEven(expected)));
        expect(charge.unitAmountDecimal).toBe(holding.unitAmountDecimal);
      }),
    );
  });
});
