// Decimals written as text, read the one way wherever they enter: a reading sent to the API, typed
// into a form or imported from a file, a register's maximum, a quantity to convert, an amount to
// round. Plain only ("12.5", "-0.25"): no exponent, "+", spaces, hex or separators, so that a typo
// fails rather than parses as something else. Bounded: every caller says how many digits it takes,
// so a value of a million digits is refused after one pass over its text, before any arithmetic on
// it (dividing a bigint that long takes seconds) and before Postgres refuses it mid-insert.

export interface DecimalLimits {
  /** Digits before the decimal point, leading zeros not counted. */
  maxIntegerDigits: number;
  /** Digits after the decimal point, trailing zeros not counted. */
  maxFractionDigits: number;
}

/**
 * A meter reading, a register's maximum, a quantity to convert: 20 digits count the bytes of
 * 100 exabytes, and 18 decimals reach far below anything that is billed.
 */
export const QUANTITY_LIMITS: DecimalLimits = { maxIntegerDigits: 20, maxFractionDigits: 18 };

/** The most Postgres' numeric type holds: 131,072 digits before the point and 16,383 after. */
export const NUMERIC_LIMITS: DecimalLimits = { maxIntegerDigits: 131_072, maxFractionDigits: 16_383 };

export type PlainDecimal =
  | {
      ok: true;
      /** Canonical: no leading zeros before the point, no trailing zeros after it, no "-0". */
      value: string;
      /** Below zero (a "-0" is zero, not negative). */
      negative: boolean;
    }
  | { ok: false; problem: 'format' | 'integer-digits' | 'fraction-digits'; reason: string };

const MINUS = 45;
const POINT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * `text` as a plain decimal within `limits`, or why not. The reason reads after the field's
 * name: "has 25 digits before the decimal point; at most 20".
 */
export function parsePlainDecimal(text: unknown, limits: DecimalLimits): PlainDecimal {
  if (typeof text !== 'string') return notPlain();
  const start = text.charCodeAt(0) === MINUS ? 1 : 0;
  let point = -1;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === POINT && point === -1) point = i;
    else if (c < DIGIT_0 || c > DIGIT_9) return notPlain();
  }
  const end = point === -1 ? text.length : point;
  // Digits on both sides of a point: "1." and ".5" are typos as often as they are numbers.
  if (end === start || point === text.length - 1) return notPlain();

  let firstSignificant = start;
  while (firstSignificant < end - 1 && text.charCodeAt(firstSignificant) === DIGIT_0) firstSignificant++;
  let lastSignificant = text.length;
  if (point !== -1) while (lastSignificant > point + 1 && text.charCodeAt(lastSignificant - 1) === DIGIT_0) lastSignificant--;
  const integer = text.slice(firstSignificant, end);
  const fraction = point === -1 ? '' : text.slice(point + 1, lastSignificant);

  const integerDigits = integer === '0' ? 0 : integer.length;
  if (integerDigits > limits.maxIntegerDigits) {
    return tooLong('integer-digits', `has ${integerDigits} digits before the decimal point; at most ${limits.maxIntegerDigits}`);
  }
  if (fraction.length > limits.maxFractionDigits) {
    return tooLong('fraction-digits', `has ${fraction.length} digits after the decimal point; at most ${limits.maxFractionDigits}`);
  }
  const negative = start === 1 && (integerDigits > 0 || fraction.length > 0);
  return { ok: true, value: `${negative ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`, negative };
}

/**
 * A text for an error message: quoted, and cut short when long, so a refused value of a million
 * characters does not become a message of a million characters.
 */
export function quoteForMessage(text: unknown, maxLength = 40): string {
  if (typeof text !== 'string') return JSON.stringify(text) ?? String(text);
  if (text.length <= maxLength) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, maxLength))}… (${text.length} characters)`;
}

function notPlain(): PlainDecimal {
  return { ok: false, problem: 'format', reason: 'is not a plain decimal such as "12.5"' };
}

function tooLong(problem: 'integer-digits' | 'fraction-digits', reason: string): PlainDecimal {
  return { ok: false, problem, reason };
}
