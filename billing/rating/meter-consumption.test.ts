import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readingConsumption, type MeterRules } from './meter-consumption.js';

const register: MeterRules = { kind: 'cumulative', registerMax: null };
const rolling: MeterRules = { kind: 'cumulative', registerMax: '99999' };
const delta: MeterRules = { kind: 'delta', registerMax: null };
const at = (value: string) => ({ readAt: '2026-03-01T10:00:00Z', value });
const read = (value: string, replacement = false) => ({ value, replacement });

describe('a cumulative register', () => {
  it('takes its first reading as the baseline', () => {
    expect(readingConsumption(register, null, read('5230.5'))).toEqual({ ok: true, consumption: '0' });
  });

  it('consumes the difference to the previous reading, decimals included', () => {
    expect(readingConsumption(register, at('100'), read('112.5'))).toEqual({ ok: true, consumption: '12.5' });
    expect(readingConsumption(register, at('100.25'), read('100.25'))).toEqual({ ok: true, consumption: '0' });
  });

  it('rolls over past registerMax: registerMax + 1 - previous + reading', () => {
    expect(readingConsumption(rolling, at('99990'), read('15'))).toEqual({ ok: true, consumption: '25' });
    expect(readingConsumption(rolling, at('99999'), read('0'))).toEqual({ ok: true, consumption: '1' });
  });

  it('starts again from the new register after a meter replacement', () => {
    expect(readingConsumption(register, at('8000'), read('12', true))).toEqual({ ok: true, consumption: '0' });
  });

  it('rejects a reading below the previous one, naming both values and what to do', () => {
    const result = readingConsumption(register, at('150'), read('120'));
    expect(result).toEqual({
      ok: false,
      reason:
        'the reading 120 is below the previous reading 150 at 2026-03-01T10:00:00Z: mark it as a meter replacement ' +
        "if the meter was replaced, or set the meter's registerMax if its register rolls over",
    });
  });

  it('rejects a negative value and a value above registerMax', () => {
    expect(readingConsumption(register, at('1'), read('-3'))).toEqual({ ok: false, reason: 'the reading -3 is negative: a register never shows less than 0' });
    expect(readingConsumption(rolling, at('1'), read('100000'))).toEqual({ ok: false, reason: "the reading 100000 is above the register's maximum 99999" });
    expect(readingConsumption(rolling, null, read('100000'))).toMatchObject({ ok: false });
  });

  it('rejects text that is not a number, and a broken registerMax, without throwing', () => {
    expect(readingConsumption(register, at('1'), read('12,5'))).toEqual({ ok: false, reason: 'the reading "12,5" is not a number such as "12.5"' });
    expect(readingConsumption({ kind: 'cumulative', registerMax: '0' }, at('1'), read('2'))).toEqual({
      ok: false,
      reason: `the meter's registerMax "0" is not a positive number`,
    });
  });

  it('consumes, over any run of readings with rollovers, exactly what the register counted', () => {
    const steps = fc.array(fc.integer({ min: 0, max: 99_999 }), { maxLength: 40 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), steps, (start, increments) => {
        let shown = start;
        let total = 0;
        for (const increment of increments) {
          const next = (shown + increment) % 100_000;
          const result = readingConsumption(rolling, at(String(shown)), read(String(next)));
          if (!result.ok) throw new Error(result.reason);
          total += Number(result.consumption);
          shown = next;
        }
        expect(total).toBe(increments.reduce((sum, n) => sum + n, 0));
      }),
    );
  });
});

describe('a delta meter', () => {
  it('consumes each reading itself, whatever came before', () => {
    expect(readingConsumption(delta, null, read('12.50'))).toEqual({ ok: true, consumption: '12.5' });
    expect(readingConsumption(delta, at('900'), read('3'))).toEqual({ ok: true, consumption: '3' });
    expect(readingConsumption(delta, at('900'), read('0'))).toEqual({ ok: true, consumption: '0' });
  });

  it('rejects a negative reading', () => {
    expect(readingConsumption(delta, null, read('-0.5'))).toEqual({
      ok: false,
      reason: "the reading -0.5 is negative: a delta meter's reading is the consumption itself",
    });
  });
});
