import { describe, it, expect } from 'vitest';
import { currencyExponent, parseCurrency } from './currency.js';

describe('parseCurrency', () => {
  it('accepts three upper-case letters', () => {
    expect(parseCurrency('EUR')).toBe('EUR');
  });

  it.each(['xx', 'usd', 'EURO', 'E1R', '', ' EUR'])('rejects %j with the code in the message', (code) => {
    expect(() => parseCurrency(code)).toThrow(`Invalid currency "${code}": expected a 3-letter ISO 4217 code`);
  });
});

describe('currencyExponent', () => {
  it.each([
    ['JPY', 0], ['KRW', 0], ['VND', 0], ['CLP', 0], ['ISK', 0], ['UGX', 0],
    ['BHD', 3], ['KWD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3], ['IQD', 3], ['LYD', 3],
    ['CLF', 4],
    ['EUR', 2], ['USD', 2], ['GBP', 2], ['BRL', 2],
  ])('%s has %i minor-unit digits', (code, digits) => {
    expect(currencyExponent(code)).toBe(digits);
  });

  it('rejects a malformed code', () => {
    expect(() => currencyExponent('eur')).toThrow(/Invalid currency "eur"/);
  });
});
