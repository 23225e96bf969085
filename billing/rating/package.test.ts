import { describe, it, expect } from 'vitest';
import { money } from '../money.js';
import type { PackageComponent } from './components.js';
import { priceComponent } from './price-component.js';

const eur = (n: bigint) => money(n, 'EUR');
const voice: PackageComponent = { type: 'package', name: 'Voice', meter: 'voice', packageSize: 500, amount: 1000, freeUnits: 100 };
const price = (consumption: string, component: PackageComponent = voice) =>
  priceComponent(component, { consumption, activeDays: 30, cycleDays: 30, daysBeforeSegment: 0, currency: 'EUR', unit: 'min' });

describe('package', () => {
  it('charges whole packages after the free units: ceil((1250 - 100) / 500) = 3', () => {
    expect(price('1250')).toEqual({
      description: 'Voice — 1250 min: 3 packages of 500 min at 10.00 EUR (100 min free)',
      quantity: '3',
      unit: 'packages',
      unitAmountDecimal: '1000',
      amount: eur(3000n),
      ranges: null,
      minimumTopUp: eur(0n),
    });
  });

  it.each([
    ['0', 0n], ['100', 0n], ['100.5', 1000n], ['600', 1000n], ['600.01', 2000n], ['1100', 2000n],
  ])('charges %s minutes as %s', (consumption, amount) => {
    expect(price(consumption).amount).toEqual(eur(amount));
  });

  it('counts without free units, and divides decimal sizes exactly', () => {
    expect(price('1', { ...voice, freeUnits: undefined }).description).toBe('Voice — 1 min: 1 package of 500 min at 10.00 EUR');
    expect(price('0.3', { ...voice, freeUnits: 0, packageSize: 0.1 }).amount).toEqual(eur(3000n)); // not 4: 0.3 / 0.1 is exactly 3
  });
});
