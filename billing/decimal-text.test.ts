import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BillingDecimal } from './rounding.js';
import { NUMERIC_LIMITS, QUANTITY_LIMITS, parsePlainDecimal, quoteForMessage } from './decimal-text.js';

const quantity = (text: unknown) => parsePlainDecimal(text, QUANTITY_LIMITS);

describe('parsePlainDecimal', () => {
  it.each([
    ['12.5', '12.5', false],
    ['0', '0', false],
    ['007', '7', false],
    ['12.50', '12.5', false],
    ['0.000', '0', false],
    ['-0', '0', false],
    ['-0.00', '0', false],
    ['-3.25', '-3.25', true],
    ['-00.5', '-0.5', true],
  ])('reads %j as %j', (text, value, negative) => {
    expect(quantity(text)).toEqual({ ok: true, value, negative });
  });

  it.each(['', '-', '1.', '.5', '-.5', '1e3', '+1', ' 1', '1 ', '1,5', '1.2.3', '0x10', 'NaN', 'Infinity', '١٢'])('refuses %j as no plain decimal', (text) => {
    expect(quantity(text)).toEqual({ ok: false, problem: 'format', reason: 'is not a plain decimal such as "12.5"' });
  });

  it('refuses what is not text', () => {
    for (const value of [12, null, undefined, {}, ['1']]) expect(quantity(value)).toMatchObject({ ok: false, problem: 'format' });
  });

  it('counts digits without leading zeros before the point or trailing zeros after it', () => {
    expect(quantity('9'.repeat(20))).toMatchObject({ ok: true });
    expect(quantity(`000${'9'.repeat(20)}.${'1'.repeat(18)}000`)).toMatchObject({ ok: true, value: `${'9'.repeat(20)}.${'1'.repeat(18)}` });
    expect(quantity('1'.repeat(25))).toEqual({ ok: false, problem: 'integer-digits', reason: 'has 25 digits before the decimal point; at most 20' });
    expect(quantity(`0.${'5'.repeat(19)}`)).toEqual({ ok: false, problem: 'fraction-digits', reason: 'has 19 digits after the decimal point; at most 18' });
    expect(quantity(`-${'1'.repeat(21)}`)).toMatchObject({ ok: false, problem: 'integer-digits' });
  });

  it('refuses a value of 200,000 digits in one pass, naming its length', () => {
    expect(quantity(`1.${'3'.repeat(200_000)}`)).toEqual({
      ok: false,
      problem: 'fraction-digits',
      reason: 'has 200000 digits after the decimal point; at most 18',
    });
    expect(parsePlainDecimal(`1.${'3'.repeat(20_000)}`, NUMERIC_LIMITS)).toMatchObject({ ok: false, reason: 'has 20000 digits after the decimal point; at most 16383' });
  });

  it('gives back the same number, spelt canonically', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.option(fc.stringMatching(/^\d{1,18}$/), { nil: undefined }))
      .map(([minus, whole, fraction]) => `${minus ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(decimal, (text) => {
        const parsed = quantity(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(new BillingDecimal(parsed.value).equals(text)).toBe(true);
        expect(parsed.negative).toBe(new BillingDecimal(text).lt(0));
        expect(quantity(parsed.value)).toEqual(parsed);
      }),
    );
  });
});

describe('quoteForMessage', () => {
  it('quotes short texts and cuts long ones, saying how long they were', () => {
    expect(quoteForMessage('12,5')).toBe('"12,5"');
    expect(quoteForMessage(42)).toBe('42');
    expect(quoteForMessage(`1.${'0'.repeat(99)}`)).toBe(`"1.${'0'.repeat(38)}"… (101 characters)`);
  });
});
