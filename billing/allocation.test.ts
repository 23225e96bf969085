import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocate, splitEvenly } from './allocation.js';
import { money, sumMoney } from './money.js';

const amounts = (parts: { amountMinor: bigint }[]) => parts.map((p) => p.amountMinor);

describe('allocate', () => {
  it('splits 100 three ways as 34, 33, 33', () => {
    expect(amounts(allocate(money(100n, 'EUR'), [1n, 1n, 1n]))).toEqual([34n, 33n, 33n]);
  });

  it('splits by weight, the largest remainder getting the odd unit', () => {
    // exact shares 14.2857, 28.5714, 57.1428: remainders .29, .57, .14 → the middle one gets it
    expect(amounts(allocate(money(100n, 'EUR'), [1n, 2n, 4n]))).toEqual([14n, 29n, 57n]);
  });

  it('breaks ties by earliest index', () => {
    expect(amounts(allocate(money(5n, 'EUR'), [1n, 1n, 1n, 1n]))).toEqual([2n, 1n, 1n, 1n]);
    expect(amounts(allocate(money(2n, 'EUR'), [1n, 1n, 1n]))).toEqual([1n, 1n, 0n]);
  });

  it('splits a negative total symmetrically', () => {
    expect(amounts(allocate(money(-100n, 'EUR'), [1n, 1n, 1n]))).toEqual([-34n, -33n, -33n]);
  });

  it('gives nothing to a zero weight and keeps the currency', () => {
    const parts = allocate(money(10n, 'JPY'), [0n, 3n, 0n, 1n]);
    expect(amounts(parts)).toEqual([0n, 8n, 0n, 2n]);
    expect(parts.every((p) => p.currency === 'JPY')).toBe(true);
  });

  it('rejects empty, all-zero and negative weights', () => {
    const total = money(100n, 'EUR');
    expect(() => allocate(total, [])).toThrow('allocate: weights must not be empty');
    expect(() => allocate(total, [0n, 0n])).toThrow('allocate: at least one weight must be positive');
    expect(() => allocate(total, [1n, -1n])).toThrow('allocate: weights must not be negative (weight 1 is -1)');
  });

  it('never loses or invents a minor unit, and each part is within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 20 }).filter((ws) => ws.some((w) => w > 0n)),
        (total, weights) => {
          const parts = allocate(money(total, 'EUR'), weights);
          expect(parts).toHaveLength(weights.length);
          expect(sumMoney(parts, 'EUR').amountMinor).toBe(total);
          const weightSum = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((part, i) => {
            const error = part.amountMinor * weightSum - total * weights[i]!; // scaled by weightSum
            expect(error < 0n ? -error < weightSum : error < weightSum).toBe(true);
          });
        },
      ),
    );
  });
});

describe('splitEvenly', () => {
  it('splits into equal parts, earlier parts taking the odd units', () => {
    expect(amounts(splitEvenly(money(1000n, 'EUR'), 3))).toEqual([334n, 333n, 333n]);
    expect(amounts(splitEvenly(money(-7n, 'EUR'), 2))).toEqual([-4n, -3n]);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %s parts', (parts) => {
    expect(() => splitEvenly(money(1n, 'EUR'), parts)).toThrow(/parts must be a positive integer/);
  });
});
