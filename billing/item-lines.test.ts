import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseItemQuantity, priceItemLine } from './item-lines.js';
import { money } from './money.js';

const eur = (n: bigint) => money(n, 'EUR');

describe('priceItemLine', () => {
  it('prices 2 router swaps at 49.90 with 21% tax as 99.80 + 20.96', () => {
    expect(priceItemLine({ quantity: '2', unitAmount: eur(4990n), taxRate: '21' })).toEqual({
      quantity: '2',
      net: eur(9980n),
      tax: eur(2096n), // 20.958 → 20.96
      total: eur(12076n),
    });
  });

  it('rounds a fractional quantity once, half to even: 1.5 h at 0.75 is 1.125 → 1.12', () => {
    const line = priceItemLine({ quantity: '1.50', unitAmount: eur(75n), taxRate: '0' });
    expect(line.quantity).toBe('1.5');
    expect(line.net).toEqual(eur(112n));
    expect(line.tax).toEqual(eur(0n));
  });

  it('always totals net plus tax, and never charges less than a whole unit count times the price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.bigInt({ min: 0n, max: 10_000_000n }), (units, price) => {
        const line = priceItemLine({ quantity: String(units), unitAmount: eur(price), taxRate: '19' });
        expect(line.net).toEqual(eur(price * BigInt(units)));
        expect(line.total.amountMinor).toBe(line.net.amountMinor + line.tax.amountMinor);
      }),
    );
  });
});

describe('parseItemQuantity', () => {
  it('refuses zero, negatives, words and too many decimals with the reason', () => {
    expect(parseItemQuantity('0')).toEqual({ ok: false, reason: 'must be more than zero' });
    expect(parseItemQuantity('-1')).toEqual({ ok: false, reason: 'must be more than zero' });
    expect(parseItemQuantity('two')).toEqual({ ok: false, reason: 'must be a plain decimal number such as "2" or "1.5"' });
    expect(parseItemQuantity('1.23456')).toEqual({ ok: false, reason: 'must have at most 4 decimals' });
    expect(parseItemQuantity('1000000000')).toEqual({ ok: false, reason: 'must be below 1,000,000,000' });
  });
});
