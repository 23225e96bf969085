import { describe, expect, it } from 'vitest';
import { money } from '../billing/money.js';
import { fromStripeAmount, toStripeAmount } from './stripe-amounts.js';
import { processingFee } from './stand-in/fees.js';

describe('Stripe amounts', () => {
  it('are our minor units for most currencies, with a lower-case code', () => {
    expect(toStripeAmount(money(1999n, 'EUR'))).toEqual({ amount: 1999, currency: 'eur' });
    expect(toStripeAmount(money(500n, 'JPY'))).toEqual({ amount: 500, currency: 'jpy' });
    expect(fromStripeAmount(1999, 'eur')).toEqual(money(1999n, 'EUR'));
  });

  it('count ISK in hundredths and MGA in whole ariary, as Stripe does', () => {
    expect(toStripeAmount(money(1500n, 'ISK'))).toEqual({ amount: 150_000, currency: 'isk' });
    expect(fromStripeAmount(150_000, 'isk')).toEqual(money(1500n, 'ISK'));
    expect(fromStripeAmount(150_050, 'isk')).toEqual(money(1500n, 'ISK'));
    expect(toStripeAmount(money(2_000_00n, 'MGA'))).toEqual({ amount: 2000, currency: 'mga' });
    expect(() => toStripeAmount(money(2_000_50n, 'MGA'))).toThrow(/whole units/);
  });
});

describe('the stand-in’s processing fee', () => {
  it('is 2.9% plus 30 minor units, rounded half-even', () => {
    expect(processingFee(2500)).toBe(102); // 72.5 → 72
    expect(processingFee(1500)).toBe(74); // 43.5 → 44
    expect(processingFee(10_000)).toBe(320);
  });
});
