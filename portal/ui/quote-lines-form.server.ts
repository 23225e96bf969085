// The staff quote form's rows as service input, and the service's refusals back on those rows.
// Rows left empty are skipped, so line k of the quote is not always row k of the form: the
// mapping between them travels with the parsed lines.
import { optionalField } from './form-fields.server.js';

export const LINE_FIELDS = ['itemId', 'quantity', 'unitAmountMinor', 'description', 'taxRate'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/** Rows the form shows at least; a submission with more keeps them all. */
export const MIN_ROWS = 5;
const MAX_ROWS = 100;

export const lineInputName = (row: number, field: LineField) => `line-${row}-${field}`;

export interface FormLines {
  lines: Partial<Record<LineField, string>>[];
  /** The form row each line came from. */
  rowOfLine: number[];
  /** Every row as typed, to show the form again with what was entered. */
  rows: Record<LineField, string>[];
}

export function readFormLines(form: FormData): FormLines {
  const rowCount = Math.min(MAX_ROWS, Math.max(MIN_ROWS, Number(form.get('rowCount')) || MIN_ROWS));
  const result: FormLines = { lines: [], rowOfLine: [], rows: [] };
  for (let row = 0; row < rowCount; row += 1) {
    const typed = Object.fromEntries(LINE_FIELDS.map((field) => [field, String(form.get(lineInputName(row, field)) ?? '')])) as Record<LineField, string>;
    result.rows.push(typed);
    const given = Object.fromEntries(LINE_FIELDS.flatMap((field) => {
      const value = optionalField(form, lineInputName(row, field));
      return value === undefined ? [] : [[field, value]];
    })) as Partial<Record<LineField, string>>;
    if (Object.keys(given).length === 0) continue;
    result.lines.push(given);
    result.rowOfLine.push(row);
  }
  return result;
}

/** `lines[2].quantity` → the field name of the row it came from; other fields stay as they are. */
export function errorsOnRows(errors: Record<string, string>, rowOfLine: number[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const match = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
      const row = match ? rowOfLine[Number(match[1])] : undefined;
      return [match && row !== undefined ? lineInputName(row, match[2] as LineField) : field, message];
    }),
  );
}
