import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHandoffApplied, markHandoffApplied, noHandoffsApplied } from './account-handoffs.js';

describe('applying hand-offs once', () => {
  it('applies a sequence the first time only', () => {
    const applied = noHandoffsApplied();
    expect(markHandoffApplied(applied, 1)).toBe(true);
    expect(markHandoffApplied(applied, 1)).toBe(false);
    expect(applied).toEqual({ through: 1, above: [] });
  });

  it('applies an early arrival once and folds it in when the gap closes', () => {
    const applied = noHandoffsApplied();
    expect(markHandoffApplied(applied, 3)).toBe(true);
    expect(markHandoffApplied(applied, 2)).toBe(true);
    expect(applied).toEqual({ through: 0, above: [2, 3] });
    expect(markHandoffApplied(applied, 3)).toBe(false);
    expect(markHandoffApplied(applied, 1)).toBe(true);
    expect(applied).toEqual({ through: 3, above: [] });
  });

  it('refuses a sequence that is not a positive integer', () => {
    expect(() => markHandoffApplied(noHandoffsApplied(), 0)).toThrow(RangeError);
    expect(() => markHandoffApplied(noHandoffsApplied(), 1.5)).toThrow(RangeError);
  });

  it('applies each of any delivery order, with repeats, exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 80 }), (deliveries) => {
        const applied = noHandoffsApplied();
        const appliedNow = deliveries.filter((sequence) => markHandoffApplied(applied, sequence));
        expect(new Set(appliedNow).size).toBe(appliedNow.length);
        expect(new Set(appliedNow)).toEqual(new Set(deliveries));
        for (const sequence of deliveries) expect(isHandoffApplied(applied, sequence)).toBe(true);
        expect(applied.above.every((sequence) => sequence > applied.through + 1)).toBe(true);
      }),
    );
  });
});
