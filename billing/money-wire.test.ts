import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fromWire, toWire } from './money-wire.js';
import { money } from './money.js';

describe('money on the wire', () => {
  it('carries the amount as an integer string that survives JSON', () => {
    const m = money(-123456789012345678901n, 'EUR');
    const wire = toWire(m);
    expect(wire).toEqual({ amountMinor: '-123456789012345678901', currency: 'EUR' });
    expect(fromWire(JSON.parse(JSON.stringify(wire)))).toEqual(m);
  });

  it('round-trips any amount', () => {
    fc.assert(
      fc.property(fc.bigInt(), (n) => {
        expect(fromWire(toWire(money(n, 'USD'))).amountMinor).toBe(n);
      }),
    );
  });

  it.each([
    [null, /got null/],
    ['100 EUR', /got string/],
    [{ amountMinor: 100, currency: 'EUR' }, /amountMinor must be a string of minor units, got number/],
    [{ amountMinor: '1.50', currency: 'EUR' }, /Invalid amountMinor "1.50"/],
    [{ amountMinor: '150' }, /currency must be a string, got undefined/],
    [{ amountMinor: '150', currency: 'eur' }, /Invalid currency "eur"/],
  ])('rejects %j', (input, message) => {
    expect(() => fromWire(input)).toThrow(message);
  });
});
