import { describe, it, expect } from 'vitest';
import { add, compareMoney, isZero, money, negate, subtract, sumMoney, zero } from './money-value.js';

describe('money', () => {
  it('takes a bigint or an integer string of minor units', () => {
    expect(money(1999n, 'EUR')).toEqual({ amountMinor: 1999n, currency: 'EUR' });
    expect(money('-5', 'EUR').amountMinor).toBe(-5n);
    expect(money('123456789012345678901234567890', 'USD').amountMinor).toBe(123456789012345678901234567890n);
  });

  it.each(['19.99', '1e3', '', ' 1', '+1', '0x10', 'abc', '--1'])('rejects the string %j, quoting it', (s) => {
    expect(() => money(s, 'EUR')).toThrow(`Invalid amountMinor "${s}"`);
  });

  it('rejects a number passed by untyped code, saying it was a number', () => {
    expect(() => money(19.99 as unknown as bigint, 'EUR')).toThrow(/Invalid amountMinor 19\.99 \(number\)/);
  });

  it('rejects a bad currency', () => {
    expect(() => money(1n, 'xx')).toThrow('Invalid currency "xx": expected a 3-letter ISO 4217 code');
  });

  it('is immutable', () => {
    const m = money(1n, 'EUR');
    expect(Object.isFrozen(m)).toBe(true);
  });
});

describe('arithmetic', () => {
  const eur = (n: bigint) => money(n, 'EUR');

  it('adds, subtracts and negates', () => {
    expect(add(eur(150n), eur(-50n))).toEqual(eur(100n));
    expect(subtract(eur(150n), eur(200n))).toEqual(eur(-50n));
    expect(negate(eur(7n))).toEqual(eur(-7n));
    expect(isZero(zero('EUR'))).toBe(true);
    expect(isZero(eur(1n))).toBe(false);
  });

  it('compares, and sorts with compareMoney', () => {
    expect(compareMoney(eur(1n), eur(2n))).toBe(-1);
    expect(compareMoney(eur(2n), eur(2n))).toBe(0);
    expect(compareMoney(eur(3n), eur(2n))).toBe(1);
    expect([eur(3n), eur(-1n), eur(2n)].sort(compareMoney).map((m) => m.amountMinor)).toEqual([-1n, 2n, 3n]);
  });

  it('sums, and an empty list sums to zero in the given currency', () => {
    expect(sumMoney([eur(1n), eur(2n), eur(3n)], 'EUR')).toEqual(eur(6n));
    expect(sumMoney([], 'JPY')).toEqual(money(0n, 'JPY'));
  });

  it('refuses to mix currencies anywhere', () => {
    const usd = money(1n, 'USD');
    expect(() => add(eur(1n), usd)).toThrow('Currency mismatch: cannot combine EUR with USD');
    expect(() => subtract(eur(1n), usd)).toThrow(/Currency mismatch/);
    expect(() => compareMoney(eur(1n), usd)).toThrow(/Currency mismatch/);
    expect(() => sumMoney([eur(1n), usd], 'EUR')).toThrow(/Currency mismatch/);
    expect(() => sumMoney([usd], 'EUR')).toThrow(/Currency mismatch/);
  });
});
