// What one reading must be, whichever way it arrives: sent to the API, typed into the meter page
// or the CLI, or a row of an imported file. Both recordReadings and the import's row mapping ask
// here, so they cannot come to accept different readings. What needs other readings (order,
// duplicates, a register's difference) is checked where those readings are known.
import { QUANTITY_LIMITS, parsePlainDecimal } from '../../../billing/decimal-text.js';
import { convertQuantity, normalizeUnit, UnitError } from '../../../billing/rating/units.js';

export const MAX_REF_LENGTH = 200;

/** What checking a reading needs to know about its meter. */
export interface ReadingMeter {
  unit: string;
  base: number;
  kind: 'cumulative' | 'delta';
}

export interface ReadingFields {
  /** The value as text: as sent, or as the file's number reader spelt it. */
  value: string;
  /** The value's unit; undefined (or the meter's own) for the meter's unit. */
  unit: string | undefined;
  replacement: boolean;
  ref: string | null;
}

export interface ReadingProblem {
  field: 'value' | 'unit' | 'replacement' | 'ref';
  message: string;
}

export type CheckedReading = { ok: true; value: string } | { ok: false; problem: ReadingProblem };

/**
 * A reading's value as canonical text: a plain decimal of 0 or more, at most 20 digits before the
 * point and 18 after (QUANTITY_LIMITS), so that every stored value fits Postgres and converts at once.
 */
export function readingValue(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const parsed = parsePlainDecimal(text, QUANTITY_LIMITS);
  if (!parsed.ok) return { ok: false, message: parsed.problem === 'format' ? 'must be a decimal number such as "1234.5"' : parsed.reason };
  if (parsed.negative) return { ok: false, message: 'must not be negative' };
  return { ok: true, value: parsed.value };
}

/** Why a reading's reference is refused, or null. */
export function refProblem(ref: string | null): string | null {
  return ref !== null && ref.length > MAX_REF_LENGTH ? `must be a text of at most ${MAX_REF_LENGTH} characters, not ${ref.length}` : null;
}

/** The reading's value in its meter's unit, or the first thing wrong with it, by field. */
export function checkReading(meter: ReadingMeter, reading: ReadingFields): CheckedReading {
  const value = readingValue(reading.value);
  if (!value.ok) return problem('value', value.message);
  const badRef = refProblem(reading.ref);
  if (badRef) return problem('ref', badRef);
  if (reading.replacement && meter.kind !== 'cumulative') {
    return problem('replacement', "only a cumulative meter's register is replaced; this meter counts deltas");
  }
  const unit = reading.unit?.trim() || meter.unit;
  if (normalizeUnit(unit) === meter.unit) return { ok: true, value: value.value };
  try {
    return { ok: true, value: convertQuantity(value.value, unit, meter.unit, meter.base === 1024 ? 1024 : 1000) };
  } catch (error) {
    if (!(error instanceof UnitError)) throw error;
    return problem('unit', `${error.message}: the meter counts in ${meter.unit}`);
  }
}

function problem(field: ReadingProblem['field'], message: string): CheckedReading {
  return { ok: false, problem: { field, message } };
}
