import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { money } from './money.js';
import { lineTax, netOfTax, parseTaxRate } from './tax.js';

const eur = (n: bigint) => money(n, 'EUR');

describe('lineTax', () => {
  it('adds 21% on 19.99 EUR as 4.20 (419.79 cents, rounded once)', () => {
    expect(lineTax(eur(1999n), '21')).toEqual(eur(420n));
  });

  it('takes a rate with decimals exactly: 7.7% of 10.01 is 77.077 cents → 0.77', () => {
    expect(lineTax(eur(1001n), '7.7')).toEqual(eur(77n));
  });

  it('rounds an exact half cent to the even neighbour', () => {
    expect(lineTax(eur(10n), '5')).toEqual(eur(0n)); // 0.5 → 0
    expect(lineTax(eur(30n), '5')).toEqual(eur(2n)); // 1.5 → 2
    expect(lineTax(eur(50n), '5')).toEqual(eur(2n)); // 2.5 → 2
  });

  it('keeps the currency and its minor units (JPY has none, KWD three)', () => {
    expect(lineTax(money(1999n, 'JPY'), '10')).toEqual(money(200n, 'JPY')); // 199.9 → 200
    expect(lineTax(money(12345n, 'KWD'), '5')).toEqual(money(617n, 'KWD')); // 617.25 → 617
  });

  it('charges nothing at 0% and the whole net at 100%', () => {
    expect(lineTax(eur(1999n), '0')).toEqual(eur(0n));
    expect(lineTax(eur(1999n), '100')).toEqual(eur(1999n));
  });

  it('refuses a rate that is not a percentage from 0 to 100 with at most 4 decimals', () => {
    expect(() => lineTax(eur(100n), '21%')).toThrow(/Invalid tax rate "21%": must be a percentage/);
    expect(() => lineTax(eur(100n), '101')).toThrow(/Invalid tax rate "101": must be between 0 and 100/);
    expect(() => lineTax(eur(100n), '-1')).toThrow(/must be between 0 and 100/);
    expect(() => lineTax(eur(100n), '1.23456')).toThrow(/must have at most 4 decimals/);
  });

  it('never charges negative tax, and zero rate gives zero', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 1_000_000 }), (net, rateTenThousandths) => {
        const rate = (rateTenThousandths / 10_000).toFixed(4);
        expect(lineTax(eur(net), rate).amountMinor >= 0n).toBe(true);
        expect(lineTax(eur(net), '0')).toEqual(eur(0n));
      }),
    );
  });

  it('tax of the summed lines differs from the sum of line taxes by at most one minor unit per line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (nets, rateTenThousandths) => {
          const rate = (rateTenThousandths / 10_000).toFixed(4);
          const perLine = nets.reduce((sum, net) => sum + lineTax(eur(net), rate).amountMinor, 0n);
          const onTotal = lineTax(eur(nets.reduce((a, b) => a + b, 0n)), rate).amountMinor;
          const gap = perLine > onTotal ? perLine - onTotal : onTotal - perLine;
          expect(gap <= BigInt(nets.length)).toBe(true);
        },
      ),
    );
  });
});

describe('parseTaxRate', () => {
  it('accepts plain percentages and writes them canonically', () => {
    expect(parseTaxRate('21')).toEqual({ ok: true, value: '21' });
    expect(parseTaxRate('7.70')).toEqual({ ok: true, value: '7.7' });
    expect(parseTaxRate('0')).toEqual({ ok: true, value: '0' });
    expect(parseTaxRate('100.0000')).toEqual({ ok: true, value: '100' });
    expect(parseTaxRate('8.1234')).toEqual({ ok: true, value: '8.1234' });
  });

  it('gives a reason for anything else', () => {
    expect(parseTaxRate('21%')).toMatchObject({ ok: false, reason: expect.stringMatching(/without "%"/) });
    expect(parseTaxRate('100.0001')).toEqual({ ok: false, reason: 'must be between 0 and 100' });
    expect(parseTaxRate('1000')).toEqual({ ok: false, reason: 'must be between 0 and 100' });
    expect(parseTaxRate('1.23456')).toEqual({ ok: false, reason: 'must have at most 4 decimals' });
    expect(parseTaxRate(21)).toMatchObject({ ok: false });
    expect(parseTaxRate('')).toMatchObject({ ok: false });
    expect(parseTaxRate('1e1')).toMatchObject({ ok: false });
  });
});

describe('netOfTax', () => {
  it('is the total less the tax included in it', () => {
    expect(netOfTax(eur(12_100n), eur(2_100n))).toEqual(eur(10_000n));
    expect(netOfTax(eur(4_999n), eur(0n))).toEqual(eur(4_999n));
  });

  it('keeps the sign of a document that takes money off', () => {
    expect(netOfTax(eur(-1_210n), eur(-210n))).toEqual(eur(-1_000n));
  });

  it('refuses a tax in another currency than the total', () => {
    expect(() => netOfTax(eur(12_100n), money(2_100n, 'USD'))).toThrow('Currency mismatch: cannot combine EUR with USD');
  });
});
