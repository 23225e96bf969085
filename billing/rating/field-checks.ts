// Checks for the fields of a rate component, each answering with problems at a JSON path
// (`components[1].ranges[0].unitAmountDecimal`) that the API and the portal show next to the field.
import { AMOUNT_BOUND_REASON, MAX_AMOUNT_MINOR } from '../amount-bound.js';
import { BillingDecimal } from '../rounding.js';
import { unitFamily } from './units.js';

export interface ComponentProblem {
  path: string;
  message: string;
}

export type FieldCheck = (value: unknown, path: string) => ComponentProblem[];

/** A check from a predicate and the message for a value that fails it. */
export function check(isValid: (value: unknown) => boolean, expectation: string): FieldCheck {
  return (value, path) => (isValid(value) ? [] : [{ path, message: `${expectation}, got ${show(value)}` }]);
}

const SHOWN_CHARACTERS = 80;

/**
 * The refused value in a problem's message, as it was sent but kept short: a client may send a
 * megabyte of text or ten thousand nested lists, and neither belongs in an answer (writing out the
 * nested lists would not even fit on the stack).
 */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (nestedDeeperThan(value, 3)) return Array.isArray(value) ? 'lists nested too deep to show' : 'objects nested too deep to show';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}… (${text.length} characters)` : text;
}

function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return levels === 0 || Object.values(value).some((child) => nestedDeeperThan(child, levels - 1));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Both checks in turn: the value's form first, then (for a well-formed value) its range. */
function both(form: FieldCheck, range: FieldCheck): FieldCheck {
  return (value, path) => {
    const problems = form(value, path);
    return problems.length > 0 ? problems : range(value, path);
  };
}

// An amount or unit price above the one bound could not be billed even once (amount-bound.ts).
// Only well-formed values get here; a text of many digits is over the bound by its length alone.
const withinBound = check(
  (value) =>
    (typeof value === 'number' || (typeof value === 'string' && value.replace(/^0+/, '').length <= 40)) &&
    new BillingDecimal(value).lte(MAX_AMOUNT_MINOR.toString()),
  AMOUNT_BOUND_REASON,
);

export const minorUnits = both(
  check((value) => Number.isSafeInteger(value) && (value as number) >= 0, 'must be a whole number of minor units, 0 or more'),
  withinBound,
);
/** How meters are keyed: people type keys into forms, files and URLs, so a plain spelling. */
export const METER_KEY = /^[a-z][a-z0-9_-]*$/;

export const componentName = check(
  (value) => typeof value === 'string' && value.trim() !== '' && value.length <= 120,
  'must be a non-empty text of at most 120 characters',
);
export const unitName = check(
  (value) => typeof value === 'string' && value.trim() !== '' && value.length <= 20 && unitFamily(value) !== null,
  'must be a unit Uplink converts (B, kB, MB, GB, TB, s, min, h, Wh, kWh, MWh); leave it out to price in the meter\'s own unit',
);
export const meterKey = check(
  (value) => typeof value === 'string' && METER_KEY.test(value),
  'must name a meter key: a lowercase letter, then a-z, 0-9, _ or -, such as "data"',
);
export const unitPrice = both(
  check(
    (value) => typeof value === 'string' && /^\d+(\.\d{1,6})?$/.test(value),
    'must be a decimal string of minor units, 0 or more, with at most 6 decimals, such as "0.045"',
  ),
  withinBound,
);
export const positiveUnits = check((value) => isNumber(value) && value > 0, 'must be a number of units greater than 0');
export const units = check((value) => isNumber(value) && value >= 0, 'must be a number of units, 0 or more');

/** The fields a record may have: each required or optional one checked, any other one reported. */
export function checkFields(
  record: Record<string, unknown>,
  path: string,
  required: Record<string, FieldCheck>,
  optional: Record<string, FieldCheck> = {},
): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  for (const [field, fieldCheck] of Object.entries(required)) {
    if (record[field] === undefined) problems.push({ path: `${path}.${field}`, message: 'is required' });
    else problems.push(...fieldCheck(record[field], `${path}.${field}`));
  }
  for (const [field, fieldCheck] of Object.entries(optional)) {
    if (record[field] !== undefined) problems.push(...fieldCheck(record[field], `${path}.${field}`));
  }
  for (const field of Object.keys(record)) {
    if (!Object.hasOwn(required, field) && !Object.hasOwn(optional, field)) {
      problems.push({ path: `${path}.${field}`, message: `is not a known field here (expected ${[...Object.keys(required), ...Object.keys(optional)].join(', ')})` });
    }
  }
  return problems;
}
