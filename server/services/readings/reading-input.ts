// One reading as a client sent it, checked field by field: each problem names the item's index
// and field, so a call of thousands of readings says exactly which ones to fix.
import { BillingDecimal } from '../../../billing/rounding.js';
import { parseReadAt } from './read-at.js';
import { readingValue, refProblem } from './reading-checks.js';

export interface ReadingError {
  /** Position of the reading in the call's list, from 0. */
  index: number;
  field: string;
  message: string;
}

export interface ReadingItem {
  index: number;
  meterId: string;
  /** Canonical UTC (read-at.ts). */
  readAt: string;
  /** A plain non-negative decimal in `unit` (or the meter's unit when none was given). */
  value: string;
  unit: string | undefined;
  ref: string | null;
  replacement: boolean;
}

const FIELDS = new Set(['meterId', 'readAt', 'value', 'unit', 'ref', 'replacement']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The item, or every problem it has. */
export function parseReadingItem(input: unknown, index: number): { item: ReadingItem } | { errors: ReadingError[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { errors: [{ index, field: '(reading)', message: 'must be a JSON object with meterId, readAt and value' }] };
  }
  const raw = input as Record<string, unknown>;
  const errors: ReadingError[] = [];
  const fail = (field: string, message: string) => errors.push({ index, field, message });
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) fail(key, 'is not a field of a reading');

  if (raw.meterId === undefined) fail('meterId', 'is required');
  else if (typeof raw.meterId !== 'string' || !UUID.test(raw.meterId)) fail('meterId', 'must be a meter id (a UUID)');

  const readAt = raw.readAt === undefined ? null : parseReadAt(raw.readAt);
  if (readAt === null) fail('readAt', 'is required');
  else if (!readAt.ok) fail('readAt', readAt.message);

  const value = decimalValue(raw.value);
  if (typeof value !== 'string') fail('value', value.message);

  if (raw.unit !== undefined && (typeof raw.unit !== 'string' || raw.unit.trim() === '')) fail('unit', 'must be a unit such as "GB" or "min"');
  if (raw.ref !== undefined && raw.ref !== null) {
    if (typeof raw.ref !== 'string') fail('ref', 'must be a text');
    else {
      const badRef = refProblem(raw.ref);
      if (badRef) fail('ref', badRef);
    }
  }
  if (raw.replacement !== undefined && typeof raw.replacement !== 'boolean') fail('replacement', 'must be true or false');

  if (errors.length > 0 || typeof value !== 'string' || !readAt?.ok) return { errors };
  return {
    item: {
      index,
      meterId: (raw.meterId as string).toLowerCase(),
      readAt: readAt.readAt,
      value,
      unit: typeof raw.unit === 'string' ? raw.unit.trim() : undefined,
      ref: typeof raw.ref === 'string' ? raw.ref : null,
      replacement: raw.replacement === true,
    },
  };
}

/** A reading's value as a plain decimal string (reading-checks.ts); JSON numbers are taken as written. */
function decimalValue(value: unknown): string | { message: string } {
  if (value === undefined || value === null) return { message: 'is required' };
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { message: 'must be a finite number' };
    text = new BillingDecimal(value).toFixed();
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { message: 'must be a decimal number, or a string such as "1234.5"' };
  }
  const checked = readingValue(text);
  return checked.ok ? checked.value : { message: checked.message };
}
