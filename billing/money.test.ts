import { describe, it, expect } from 'vitest';
import * as moneyModule from './money.js';
import type { CurrencyCode, Money, MoneyWire } from './money.js';

// Other modules import money from './money.js' alone, whatever file each function lives in.
describe('billing/money.ts', () => {
  it('gathers the whole money API', () => {
    expect(Object.keys(moneyModule).sort()).toEqual([
      'add', 'allocate', 'assertSameCurrency', 'compareMoney', 'currencyExponent', 'formatMoney', 'fromWire',
      'isZero', 'minorUnitsToDecimalString', 'money', 'negate', 'parseCurrency', 'splitEvenly', 'subtract',
      'sumMoney', 'toWire', 'zero',
    ]);
  });

  it('works end to end: wire in, split, format', () => {
    const wire: MoneyWire = { amountMinor: '10000', currency: 'EUR' };
    const total: Money = moneyModule.fromWire(wire);
    const currency: CurrencyCode = total.currency;
    const parts = moneyModule.splitEvenly(total, 3);
    expect(parts.map((p) => moneyModule.formatMoney(p))).toEqual(['€33.34', '€33.33', '€33.33']);
    expect(moneyModule.toWire(moneyModule.sumMoney(parts, currency))).toEqual(wire);
  });
});
