// Whether a file's first row names its columns. A header is a row of words above rows of
// numbers and dates: "meter;time;value" over "m-1;2026-10-01;12.5". A first row that already
// holds numbers or dates is data.
import type { CellValue } from './file-layout.js';

type CellKind = 'empty' | 'text' | 'number' | 'date';

const NUMERIC_TEXT = /^[-+]?[\d.,\s']*\d[\d.,\s']*$/;
// A calendar date (2026-10-01, 01/10/2026, 1.10.26) or a time of day, at the start of the text.
const DATE_TEXT = /^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2})/;

export function cellKind(value: CellValue): CellKind {
  if (value === null) return 'empty';
  if (typeof value === 'number') return 'number';
  if (value instanceof Date) return 'date';
  if (typeof value === 'boolean') return 'text';
  const text = value.trim();
  if (text === '') return 'empty';
  if (DATE_TEXT.test(text)) return 'date';
  if (NUMERIC_TEXT.test(text)) return 'number';
  return 'text';
}

/**
 * True when `first` is mostly text while, in at least one of the columns where it holds text,
 * most of the following rows hold numbers or dates. With no rows below, a first row of text only
 * is taken as a header; with nothing but text below, too (nothing to contrast it with).
 */
export function looksLikeHeader(first: CellValue[], below: CellValue[][]): boolean {
  const kinds = first.map(cellKind);
  const filled = kinds.filter((k) => k !== 'empty').length;
  const text = kinds.filter((k) => k === 'text').length;
  if (filled === 0 || text * 2 < filled) return false;
  const rows = below.filter((row) => row.some((cell) => cellKind(cell) !== 'empty'));
  if (rows.length === 0) return text === filled;
  let contrasted = false;
  let anyData = false;
  for (let column = 0; column < kinds.length; column++) {
    let data = 0;
    let filledBelow = 0;
    for (const row of rows) {
      const kind = cellKind(row[column] ?? null);
      if (kind === 'empty') continue;
      filledBelow++;
      if (kind !== 'text') data++;
    }
    if (data > 0) anyData = true;
    if (kinds[column] === 'text' && filledBelow > 0 && data * 2 > filledBelow) contrasted = true;
  }
  return contrasted || (!anyData && text === filled);
}

/** Names for the columns: the header's own (trimmed, made unique), or "Column N" where it has none. */
export function headerNames(header: CellValue[], width: number): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.max(width, header.length); i++) {
    const cell = header[i] ?? null;
    let name = cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim();
    if (name === '') name = `Column ${i + 1}`;
    let unique = name;
    for (let n = 2; seen.has(unique); n++) unique = `${name} (${n})`;
    seen.add(unique);
    names.push(unique);
  }
  return names;
}
