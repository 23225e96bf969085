// JSON numbers that JavaScript cannot hold as written. JSON.parse turns 12345678901234567.89 into
// 12345678901234568 and 1e309 into Infinity without a word, and Node 20's JSON.parse cannot show
// a number's source text, so the raw body is scanned for number tokens, each with its field path,
// and every one whose value differs from what parsing gives is refused: amounts and readings that
// need more digits travel as decimal strings.
import { fieldPath, type PathStep } from './wire-text.js';

export interface JsonNumberProblem {
  /** The field, as the API names fields: `readings.0.value`. */
  field: string;
  /** The number as the body wrote it. */
  text: string;
  /** What JSON.parse makes of it. */
  parsed: number;
}

interface Container {
  /** The container's own place in the body. */
  at: PathStep | null;
  array: boolean;
  /** Arrays: the index of the next value. Objects: the key of the next value, null while a key is due. */
  next: number | string | null;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER_CHARACTERS = /[-+0-9.eE]/;

/**
 * Every number in `json` (text JSON.parse has already accepted) whose value is not exactly what
 * it wrote. 0.1 and 1e3 pass (they read back as written); 12345678901234567.89 and 1e309 do not.
 */
export function inexactJsonNumbers(json: string): JsonNumberProblem[] {
  const problems: JsonNumberProblem[] = [];
  const stack: Container[] = [];
  const place = (): PathStep | null => {
    const top = stack[stack.length - 1];
    return top && top.next !== null ? { key: top.next, parent: top.at } : null;
  };
  let i = 0;
  while (i < json.length) {
    const c = json[i]!;
    const top = stack[stack.length - 1];
    if (WHITESPACE.has(c) || c === ':') {
      i++;
    } else if (c === '{' || c === '[') {
      stack.push({ at: place(), array: c === '[', next: c === '[' ? 0 : null });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      if (top) top.next = top.array ? (top.next as number) + 1 : null;
      i++;
    } else if (c === '"') {
      const end = stringEnd(json, i);
      if (top && !top.array && top.next === null) top.next = JSON.parse(json.slice(i, end)) as string;
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let end = i + 1;
      while (end < json.length && NUMBER_CHARACTERS.test(json[end]!)) end++;
      const text = json.slice(i, end);
      const parsed = Number(text);
      if (!sameNumber(text, parsed)) problems.push({ field: fieldPath(place()), text, parsed });
      i = end;
    } else {
      i++; // the letters of true, false and null
    }
  }
  return problems;
}

/** The index just past the string starting at `start` (its opening quote). */
function stringEnd(json: string, start: number): number {
  let i = start + 1;
  while (i < json.length && json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Whether the decimal `text` and the number `parsed` are the same value. */
function sameNumber(text: string, parsed: number): boolean {
  if (!Number.isFinite(parsed)) return false;
  return canonical(text) === canonical(String(parsed));
}

/**
 * A decimal spelled one way only: sign, significant digits, exponent ("-12.50" and "-1.25e1" are
 * both "-125e-1"); zero is "0" whatever its sign. Works on JSON numbers and on what String(number)
 * writes ("1e+21", "1.5e-7").
 */
function canonical(text: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  // Exponents past what a float can reach decide nothing here, and stay exact as BigInt.
  let exponent = BigInt(exponentText) - BigInt(fraction.length);
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += BigInt(trailing);
  return `${sign}${digits}e${exponent}`;
}
