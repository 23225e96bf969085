import { describe, it, expect } from 'vitest';
import { money } from '../money.js';
import type { FixedComponent } from './components.js';
import { priceComponent } from './price-component.js';

const eur = (n: bigint) => money(n, 'EUR');
const rental: FixedComponent = { type: 'fixed', name: 'Line rental', amount: 3000 };
const segment = (activeDays: number, daysBeforeSegment = 0) => ({ consumption: '0', activeDays, cycleDays: 30, daysBeforeSegment, currency: 'EUR' });

describe('fixed', () => {
  it('charges the amount for a full period', () => {
    expect(priceComponent(rental, segment(30))).toEqual({
      description: 'Line rental',
      quantity: '1',
      unit: null,
      unitAmountDecimal: '3000',
      amount: eur(3000n),
      ranges: null,
      minimumTopUp: eur(0n),
    });
  });

  it('prorates a partial period by active days', () => {
    expect(priceComponent(rental, segment(15))).toMatchObject({ description: 'Line rental (15 of 30 days)', amount: eur(1500n) });
  });

  it('splits a period at a rate change without losing a cent: 10 + 20 days of 10.01 EUR', () => {
    const odd = { ...rental, amount: 1001 };
    const first = priceComponent(odd, segment(10)).amount.amountMinor; // 333.67 → 334
    const second = priceComponent(odd, segment(20, 10)).amount.amountMinor; // 1001 - 334
    expect([first, second]).toEqual([334n, 667n]);
  });

  it('ignores the consumption it is given', () => {
    expect(priceComponent(rental, { ...segment(30), consumption: 'n/a' }).amount).toEqual(eur(3000n));
  });
});
