import { describe, it, expect } from 'vitest';
import { money } from '../money.js';
import type { PerDayComponent } from './components.js';
import { priceComponent } from './price-component.js';

const eur = (n: bigint) => money(n, 'EUR');
const staticIp: PerDayComponent = { type: 'per_day', name: 'Static IP', amount: 150 };
const segment = (activeDays: number, daysBeforeSegment = 0) => ({ consumption: '0', activeDays, cycleDays: 30, daysBeforeSegment, currency: 'EUR' });

describe('per_day', () => {
  it('charges the amount for each active day, exactly', () => {
    expect(priceComponent(staticIp, segment(15, 5))).toEqual({
      description: 'Static IP — 15 days at 1.50 EUR',
      quantity: '15',
      unit: 'days',
      unitAmountDecimal: '150',
      amount: eur(2250n),
      ranges: null,
      minimumTopUp: eur(0n),
    });
    expect(priceComponent(staticIp, segment(1)).description).toBe('Static IP — 1 day at 1.50 EUR');
    expect(priceComponent(staticIp, segment(0)).amount).toEqual(eur(0n));
  });
});
