// Numbers in readings files as plain decimal strings, exact (no float on the way): "1234.5",
// "1,234.5", "1.234,5", "1 234,5", "1'234.5", "1.5E3". Thousands separators must group by three,
// so that with "." as the decimal separator "1,5" is refused rather than read as 15. How many
// digits a reading may have is not this file's concern: the reading checks (server/services/
// readings/reading-checks.ts) bound the plain decimal that comes out, as they do the API's.
import type { CellValue } from './file-layout.js';

export type DecimalSeparator = '.' | ',';

export type NumberParse = { ok: true; value: string } | { ok: false; reason: string };

const DIGIT_0 = 48;
const DIGIT_9 = 57;
// Thousands separators besides the other punctuation mark: spaces (also non-breaking) and apostrophes.
const GROUPING = /[\s\u00a0\u202f'’]/;

export function parseNumberCell(value: CellValue, decimalSeparator: DecimalSeparator): NumberParse {
  if (value === null) return { ok: false, reason: 'No number given' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: `${shown(String(value))} is not a number` };
    return { ok: true, value: expandExponent(String(value)) };
  }
  if (typeof value === 'boolean') return { ok: false, reason: `${shown(String(value))} is not a number` };
  if (value instanceof Date) return { ok: false, reason: `${shown(value.toISOString())} is a date, not a number` };
  const text = value.trim();
  if (text === '') return { ok: false, reason: 'No number given' };
  const plain = plainDecimal(text, decimalSeparator);
  if (plain !== null) return { ok: true, value: plain };
  return parseWritten(text, decimalSeparator) ?? notANumber(value, decimalSeparator);
}

function notANumber(value: string, decimalSeparator: DecimalSeparator): NumberParse {
  return { ok: false, reason: `${shown(value)} is not a number (with '${decimalSeparator}' as decimal separator)` };
}

/** The cell quoted for a reason, cut short when long: a reason is read by people, not a copy of the cell. */
function shown(text: string): string {
  return text.length <= 40 ? `'${text}'` : `'${text.slice(0, 40)}…' (${text.length} characters)`;
}

/** The common case without a regular expression: optional minus, digits, at most one separator. */
function plainDecimal(text: string, decimalSeparator: DecimalSeparator): string | null {
  const separator = decimalSeparator.charCodeAt(0);
  let start = 0;
  const first = text.charCodeAt(0);
  if (first === 45 || first === 43) start = 1;
  let point = -1;
  let digits = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= DIGIT_0 && c <= DIGIT_9) digits++;
    else if (c === separator && point === -1) point = i;
    else return null;
  }
  if (digits === 0) return null;
  const sign = first === 45 ? '-' : '';
  if (point === -1) return normalise(sign, text.slice(start), '');
  return normalise(sign, text.slice(start, point), text.slice(point + 1));
}

const WRITTEN = /^([-+\u2212])?([\d\s\u00a0\u202f'’.,]*?)(?:[eE]([-+]?\d+))?$/;

/** Thousands separators and exponents. */
function parseWritten(text: string, decimalSeparator: DecimalSeparator): NumberParse | null {
  const match = WRITTEN.exec(text);
  if (!match) return null;
  const sign = match[1] === undefined || match[1] === '+' ? '' : '-';
  const mantissa = match[2] ?? '';
  const grouping = decimalSeparator === '.' ? ',' : '.';
  const point = mantissa.indexOf(decimalSeparator);
  if (point !== -1 && mantissa.indexOf(decimalSeparator, point + 1) !== -1) return null;
  const whole = point === -1 ? mantissa : mantissa.slice(0, point);
  const fraction = point === -1 ? '' : mantissa.slice(point + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const integer = ungroup(whole, grouping);
  if (integer === null || integer + fraction === '') return null;
  const plain = normalise(sign, integer, fraction);
  if (match[3] === undefined) return { ok: true, value: plain };
  const exponent = Number(match[3]);
  if (Math.abs(exponent) > 1000) return { ok: false, reason: `${shown(text)} has an exponent too large for a reading` };
  return { ok: true, value: shift(plain, exponent) };
}

/** "1,234,567" to "1234567"; null unless the groups after the first have exactly three digits. */
function ungroup(whole: string, grouping: string): string | null {
  if (/^\d*$/.test(whole)) return whole;
  const separators = new Set([...whole].filter((c) => c === grouping || GROUPING.test(c)));
  if (separators.size !== 1) return null;
  const [mark] = separators;
  const groups = whole.split(mark!);
  if (!/^\d{1,3}$/.test(groups[0]!)) return null;
  if (!groups.slice(1).every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

function normalise(sign: string, integer: string, fraction: string): string {
  let i = 0;
  while (i < integer.length - 1 && integer.charCodeAt(i) === DIGIT_0) i++;
  const whole = integer === '' ? '0' : integer.slice(i);
  const result = fraction === '' ? whole : `${whole}.${fraction}`;
  return sign === '-' && /[1-9]/.test(result) ? `-${result}` : result;
}

/** Moves the decimal point of a plain decimal string by `exponent` places. */
function shift(plain: string, exponent: number): string {
  const negative = plain.startsWith('-');
  const unsigned = negative ? plain.slice(1) : plain;
  const [integer = '0', fraction = ''] = unsigned.split('.');
  let digits = integer + fraction;
  let point = integer.length + exponent;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, '0');
  }
  return normalise(negative ? '-' : '', digits.slice(0, point), digits.slice(point).replace(/0+$/, ''));
}

/** JavaScript prints very large and very small numbers with an exponent; a decimal string never has one. */
function expandExponent(printed: string): string {
  const e = printed.indexOf('e');
  if (e === -1) return printed;
  return shift(printed.slice(0, e), Number(printed.slice(e + 1)));
}

/**
 * The decimal separator most samples show. A comma or point followed by exactly three digits
 * ("1,234") could be either and does not count; the last of two different marks ("1.234,5") is the
 * decimal one. Without evidence, '.'.
 */
export function detectDecimalSeparator(samples: CellValue[]): DecimalSeparator {
  let point = 0;
  let comma = 0;
  for (const sample of samples) {
    if (typeof sample !== 'string') continue;
    const text = sample.trim();
    const lastPoint = text.lastIndexOf('.');
    const lastComma = text.lastIndexOf(',');
    if (lastPoint === -1 && lastComma === -1) continue;
    if (lastPoint !== -1 && lastComma !== -1) {
      if (lastPoint > lastComma) point++;
      else comma++;
      continue;
    }
    const mark = lastPoint !== -1 ? '.' : ',';
    const at = Math.max(lastPoint, lastComma);
    const repeated = text.indexOf(mark) !== at;
    // "1.234.567": the mark groups thousands, so the other one is the decimal separator.
    if (repeated) {
      if (mark === '.') comma++;
      else point++;
      continue;
    }
    const after = text.length - at - 1;
    if (after === 3 && /^[-+]?\d{1,3}[.,]\d{3}$/.test(text)) continue;
    if (mark === '.') point++;
    else comma++;
  }
  return comma > point ? ',' : '.';
}
