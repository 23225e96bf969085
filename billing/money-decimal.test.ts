import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_AMOUNT_MINOR } from './amount-bound.js';
import { minorUnitsToDecimalString } from './money-format.js';
import { parseDecimalAmount } from './money-decimal.js';

describe('parseDecimalAmount', () => {
  it('reads major units in the currency’s minor unit, exactly', () => {
    expect(parseDecimalAmount('49.90', 'EUR')).toEqual({ ok: true, amountMinor: 4990n });
    expect(parseDecimalAmount('49.9', 'EUR')).toEqual({ ok: true, amountMinor: 4990n });
    expect(parseDecimalAmount('0.01', 'EUR')).toEqual({ ok: true, amountMinor: 1n });
    expect(parseDecimalAmount('120', 'EUR')).toEqual({ ok: true, amountMinor: 12000n });
    expect(parseDecimalAmount('1500', 'JPY')).toEqual({ ok: true, amountMinor: 1500n });
    expect(parseDecimalAmount('1.234', 'KWD')).toEqual({ ok: true, amountMinor: 1234n });
    // Trailing zeros are no extra precision.
    expect(parseDecimalAmount('12.500', 'EUR')).toEqual({ ok: true, amountMinor: 1250n });
    expect(parseDecimalAmount('1500.0', 'JPY')).toEqual({ ok: true, amountMinor: 1500n });
  });

  it('refuses a fraction of the minor unit, naming the currency', () => {
    expect(parseDecimalAmount('49.999', 'EUR')).toEqual({ ok: false, reason: 'must have at most 2 decimals in EUR' });
    expect(parseDecimalAmount('1500.5', 'JPY')).toEqual({ ok: false, reason: 'must be a whole number: JPY has no decimals' });
  });

  it('refuses zero, negative amounts and anything that is not a plain decimal', () => {
    for (const text of ['0', '0.00', '-0', '-5']) expect(parseDecimalAmount(text, 'EUR')).toEqual({ ok: false, reason: 'must be more than zero' });
    for (const text of ['€49.90', '1,000.00', '1e3', '12.', '.5', '', ' 12', 12, null]) {
      expect(parseDecimalAmount(text, 'EUR')).toEqual({
        ok: false,
        reason: 'must be an amount written as a plain decimal such as "49.90", without a currency sign or separators',
      });
    }
  });

  it('takes the bound itself and refuses anything above it, however many digits', () => {
    expect(parseDecimalAmount('10000000000000.00', 'EUR')).toEqual({ ok: true, amountMinor: MAX_AMOUNT_MINOR });
    const tooLarge = { ok: false, reason: 'must be at most €10,000,000,000,000.00' };
    expect(parseDecimalAmount('10000000000000.01', 'EUR')).toEqual(tooLarge);
    expect(parseDecimalAmount('9'.repeat(100_000), 'EUR')).toEqual(tooLarge);
  });

  it('reads back every amount it would print, in currencies of 0, 2 and 3 decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_AMOUNT_MINOR }), fc.constantFrom(['JPY', 0], ['EUR', 2], ['KWD', 3]), (amountMinor, [currency, exponent]) => {
        expect(parseDecimalAmount(minorUnitsToDecimalString(amountMinor, exponent as number), currency as string)).toEqual({ ok: true, amountMinor });
      }),
    );
  });
});
