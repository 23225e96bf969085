import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { money } from '../money.js';
import type { SteppedComponent } from './components.js';
import { priceComponent } from './price-component.js';
import { shareOfCycle } from './share-of-cycle.js';

const eur = (n: bigint) => money(n, 'EUR');
const sms: SteppedComponent = { type: 'stepped', name: 'SMS', meter: 'sms', ranges: [{ upTo: null, unitAmountDecimal: '0.045' }], minimumAmount: 1000 };
const price = (consumption: string, activeDays = 30, daysBeforeSegment = 0) =>
  priceComponent(sms, { consumption, activeDays, cycleDays: 30, daysBeforeSegment, currency: 'EUR', unit: 'messages' });

describe('minimumAmount', () => {
  it('tops a charge below the minimum up to it, as a separate amount', () => {
    expect(price('1001')).toMatchObject({ amount: eur(45n), minimumTopUp: eur(955n) });
  });

  it('prorates the minimum by active days', () => {
    expect(price('1001', 15)).toMatchObject({ amount: eur(45n), minimumTopUp: eur(455n) });
    expect(price('0', 15, 15).minimumTopUp).toEqual(eur(500n));
  });

  it('adds nothing once the charge reaches the minimum', () => {
    expect(price('30000').minimumTopUp).toEqual(eur(0n)); // 1350 > 1000
    expect(priceComponent({ ...sms, minimumAmount: undefined }, { consumption: '1', activeDays: 30, cycleDays: 30, daysBeforeSegment: 0, currency: 'EUR' }).minimumTopUp).toEqual(eur(0n));
  });

  it('never lowers a charge, and always reaches the prorated minimum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 366 }).chain((cycleDays) =>
          fc.tuple(fc.constant(cycleDays), fc.integer({ min: 0, max: cycleDays })).chain(([c, before]) =>
            fc.tuple(fc.constant(c), fc.constant(before), fc.integer({ min: 0, max: c - before })),
          ),
        ),
        (units, minimumAmount, [cycleDays, daysBeforeSegment, activeDays]) => {
          const input = { consumption: String(units), activeDays, cycleDays, daysBeforeSegment, currency: 'EUR' };
          const { amount, minimumTopUp } = priceComponent({ ...sms, minimumAmount }, input);
          const minimum = shareOfCycle(eur(BigInt(minimumAmount)), cycleDays, daysBeforeSegment, activeDays);
          expect(minimumTopUp.amountMinor).toBeGreaterThanOrEqual(0n);
          expect(amount.amountMinor + minimumTopUp.amountMinor).toBeGreaterThanOrEqual(amount.amountMinor);
          expect(amount.amountMinor + minimumTopUp.amountMinor).toBeGreaterThanOrEqual(minimum.amountMinor);
          if (amount.amountMinor >= minimum.amountMinor) expect(minimumTopUp).toEqual(eur(0n));
        },
      ),
    );
  });
});
