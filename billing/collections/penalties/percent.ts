// Percentages of penalty rules (a percentage of the base, an annual interest rate, a margin, a
// reference rate) as plain decimal text with at most 6 decimals: read one way, and turned into
// whole millionths of a percent so that every computation on them is exact integer arithmetic.
import { BillingDecimal, parsePlainDecimal } from './billing-parts.js';

/** Far above any lawful rate, low enough that a typo of a few digits is refused. */
export const MAX_PENALTY_PERCENT = 1000;
export const PERCENT_DECIMALS = 6;
/** Millionths of a percent in one percent. */
export const MICROS_PER_PERCENT = 1_000_000n;

export type PercentParse = { ok: true; value: string } | { ok: false; reason: string };

/**
 * `text` as a percentage from 0 (or -1000 when `allowNegative`, as reference rates have been) to
 * 1000 with at most 6 decimals, canonicalised ("8.50" → "8.5"), or why not. The reason reads
 * after the field's name: "must be between 0 and 1000".
 */
export function parsePercent(text: unknown, { allowNegative = false } = {}): PercentParse {
  const range = allowNegative ? `between -${MAX_PENALTY_PERCENT} and ${MAX_PENALTY_PERCENT}` : `between 0 and ${MAX_PENALTY_PERCENT}`;
  const parsed = parsePlainDecimal(text, { maxIntegerDigits: 4, maxFractionDigits: PERCENT_DECIMALS });
  if (!parsed.ok) {
    if (parsed.problem === 'fraction-digits') return { ok: false, reason: `must have at most ${PERCENT_DECIMALS} decimals` };
    if (parsed.problem === 'integer-digits') return { ok: false, reason: `must be ${range}` };
    return { ok: false, reason: 'must be a percentage written as a plain decimal such as "8" or "2.5", without "%"' };
  }
  const value = new BillingDecimal(parsed.value);
  if (value.abs().gt(MAX_PENALTY_PERCENT) || (parsed.negative && !allowNegative)) return { ok: false, reason: `must be ${range}` };
  return { ok: true, value: parsed.value };
}

/** "2.5" → 2_500_000n: exact, since a parsed percentage has at most 6 decimals. */
export function percentMicros(percent: string): bigint {
  const micros = new BillingDecimal(percent).times(MICROS_PER_PERCENT.toString());
  if (!micros.isInteger()) throw new Error(`percentMicros: "${percent}" has more than ${PERCENT_DECIMALS} decimals`);
  return BigInt(micros.toFixed(0));
}

/** Millionths of a percent back to canonical text: 10_400_000n → "10.4". */
export function percentFromMicros(micros: bigint): string {
  return new BillingDecimal(micros.toString()).dividedBy(MICROS_PER_PERCENT.toString()).toFixed();
}

/** How a rate reads on a penalty line: at least two decimals, every further one kept ("8.00%", "2.125%"). */
export function percentForPeople(percent: string): string {
  const value = new BillingDecimal(percent);
  return `${value.decimalPlaces() < 2 ? value.toFixed(2) : value.toFixed()}%`;
}
