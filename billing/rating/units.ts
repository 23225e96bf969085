// Units of consumption and the conversions between them. A meter stores readings in its own unit;
// a reading may arrive in another unit of the same family (MB for a GB meter) and is converted
// exactly. Units of different families never convert: "minutes" into "GB" is a mistake to report.
import { QUANTITY_LIMITS, parsePlainDecimal, quoteForMessage, type DecimalLimits } from '../decimal-text.js';
import { minorUnitsToDecimalString } from '../money.js';
import { divideRoundHalfEven } from '../rounding.js';

export type UnitFamily = 'data' | 'time' | 'energy';

export class UnitError extends Error {
  override name = 'UnitError';
}

interface UnitDefinition {
  family: UnitFamily;
  /** How many of the family's smallest unit one of this unit is; data powers use the meter's base. */
  factor: (base: 1000 | 1024) => bigint;
}

const power = (exponent: number) => (base: 1000 | 1024) => BigInt(base) ** BigInt(exponent);
const fixed = (factor: bigint) => () => factor;

const UNITS: Record<string, UnitDefinition> = {
  B: { family: 'data', factor: power(0) },
  kB: { family: 'data', factor: power(1) },
  MB: { family: 'data', factor: power(2) },
  GB: { family: 'data', factor: power(3) },
  TB: { family: 'data', factor: power(4) },
  s: { family: 'time', factor: fixed(1n) },
  min: { family: 'time', factor: fixed(60n) },
  h: { family: 'time', factor: fixed(3600n) },
  // An energy prefix is always 1000: the meter's base describes its data equipment only.
  Wh: { family: 'energy', factor: fixed(1n) },
  kWh: { family: 'energy', factor: fixed(1000n) },
  MWh: { family: 'energy', factor: fixed(1_000_000n) },
};

// Other spellings seen on equipment and in spreadsheets. Data units stay case-sensitive ("Mb" is
// megabits, not megabytes), except the common "KB" for kilobytes; time words match in any case.
const ALIASES: Record<string, string> = { KB: 'kB', byte: 'B', bytes: 'B' };
const TIME_WORDS: Record<string, string> = {
  sec: 's', secs: 's', second: 's', seconds: 's',
  mins: 'min', minute: 'min', minutes: 'min',
  hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
};

/** The canonical spelling of a unit ("KB" → "kB", "minutes" → "min"); unknown units come back trimmed. */
export function normalizeUnit(unit: string): string {
  const trimmed = typeof unit === 'string' ? unit.trim() : '';
  if (trimmed === '') throw new UnitError(`A unit is required, got ${JSON.stringify(unit)}`);
  if (trimmed in UNITS) return trimmed;
  return ALIASES[trimmed] ?? TIME_WORDS[trimmed.toLowerCase()] ?? trimmed;
}

/** The family a unit belongs to, or null for a unit we do not know (it converts only to itself). */
export function unitFamily(unit: string): UnitFamily | null {
  return UNITS[normalizeUnit(unit)]?.family ?? null;
}

// 1/60 and 1/3600 have no finite decimal: such results are rounded here, far below any minor unit.
const INEXACT_DECIMAL_PLACES = QUANTITY_LIMITS.maxFractionDigits;
// A quantity (QUANTITY_LIMITS) in any unit of its family: TB into B multiplies by up to 1024^4,
// 13 more digits before the point; B into TB divides by it, 40 more after. Bounding what comes in
// keeps the bigint arithmetic instant and every result far inside what Postgres' numeric holds.
const CONVERTIBLE_LIMITS: DecimalLimits = {
  maxIntegerDigits: QUANTITY_LIMITS.maxIntegerDigits + 13,
  maxFractionDigits: QUANTITY_LIMITS.maxFractionDigits + 40,
};

/**
 * `value` in unit `from`, expressed in unit `to`, as a plain decimal string ("1500" MB → "1.5" GB
 * at base 1000). Exact whenever the result has a finite decimal (every data and energy conversion
 * does); a time conversion that does not (100 s in minutes) is rounded half-even to 18 decimals.
 * A value longer than a quantity can be in any unit (CONVERTIBLE_LIMITS) is refused.
 */
export function convertQuantity(value: string, from: string, to: string, base: 1000 | 1024): string {
  const parsed = parsePlainDecimal(value, CONVERTIBLE_LIMITS);
  if (!parsed.ok) throw new UnitError(`Invalid quantity ${quoteForMessage(value)}: ${parsed.reason}`);
  if (base !== 1000 && base !== 1024) throw new UnitError(`Invalid base ${String(base)}: expected 1000 or 1024`);
  const source = normalizeUnit(from);
  const target = normalizeUnit(to);
  const sourceUnit = UNITS[source];
  const targetUnit = UNITS[target];
  if (source !== target && (!sourceUnit || !targetUnit || sourceUnit.family !== targetUnit.family)) {
    throw new UnitError(
      `cannot convert "${from}" (${sourceUnit?.family ?? 'unknown unit'}) to "${to}" (${targetUnit?.family ?? 'unknown unit'})`,
    );
  }
  if (source === target) return parsed.value;
  // value = digits / 10^decimals; the result is that times the source factor over the target's.
  const [whole = '', fraction = ''] = parsed.value.replace('-', '').split('.');
  const digits = BigInt(whole + fraction);
  const numerator = digits * (sourceUnit?.factor(base) ?? 1n);
  const denominator = 10n ** BigInt(fraction.length) * (targetUnit?.factor(base) ?? 1n);
  const places = terminatingPlaces(numerator, denominator) ?? INEXACT_DECIMAL_PLACES;
  const scaled = divideRoundHalfEven(numerator * 10n ** BigInt(places), denominator);
  return withDecimalPoint(parsed.negative ? -scaled : scaled, places);
}

/** How many decimals numerator/denominator has, or null when its decimal never ends. */
function terminatingPlaces(numerator: bigint, denominator: bigint): number | null {
  let rest = denominator / gcd(numerator, denominator);
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) { rest /= 2n; twos += 1; }
  while (rest % 5n === 0n) { rest /= 5n; fives += 1; }
  return rest === 1n ? Math.max(twos, fives) : null;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** An integer scaled by 10^places as a plain decimal without trailing zeros: (15n, 1) → "1.5". */
function withDecimalPoint(scaled: bigint, places: number): string {
  if (scaled === 0n) return '0';
  const text = minorUnitsToDecimalString(scaled, places);
  return places === 0 ? text : text.replace(/\.?0+$/, '');
}
