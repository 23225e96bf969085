// Which column of a readings file means what. A mapping names columns by their header (or
// "Column 1", ... for a file without one), so the same mapping fits the next file of a source.
import { z } from 'zod';
import type { DateFormat } from '../../imports/dates.js';
import { isTimeZone } from '../../imports/time-zones.js';
import { ValidationError } from '../errors.js';

export const DATE_FORMATS = [
  'iso',
  'YYYY-MM-DD HH:mm',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
  'unix-seconds',
  'unix-milliseconds',
  'excel-serial',
  'date-cell',
] as const satisfies readonly DateFormat[];

const column = z.string().trim().min(1, 'must name a column of the file').max(200);
const optionalColumn = column.optional();

export const importMappingSchema = z
  .object({
    /** A column holding meter ids; or else customer + meter key below. */
    meterIdColumn: optionalColumn,
    /** A column holding the customer's id or email address. */
    customerColumn: optionalColumn,
    /** A column holding the meter's key (`data`, `voice`); or `meterKey` for every row. */
    meterKeyColumn: optionalColumn,
    meterKey: z.string().trim().min(1).max(100).optional(),
    timeColumn: column,
    /** Detected from the column's values when not given. */
    dateFormat: z.enum(DATE_FORMATS).optional(),
    /** IANA zone for times written without an offset. */
    timeZone: z
      .string()
      .trim()
      .min(1)
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC')
      .optional(),
    valueColumn: column,
    /** Detected from the column's values when not given. */
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** A column holding each row's unit; or `unit` for every row; neither: the meter's own unit. */
    unitColumn: optionalColumn,
    unit: z.string().trim().min(1).max(20).optional(),
    refColumn: optionalColumn,
    /** A column saying (yes/true/1/x) that the reading is a replaced meter's first. */
    replacementColumn: optionalColumn,
  })
  .strict()
  .superRefine((mapping, problems) => {
    if (!mapping.meterIdColumn && !mapping.customerColumn) {
      problems.addIssue({ code: 'custom', path: ['meterIdColumn'], message: 'map a meter id column, or a customer column and a meter key' });
    }
    if (mapping.meterIdColumn && mapping.customerColumn) {
      problems.addIssue({ code: 'custom', path: ['customerColumn'], message: 'give either a meter id column or a customer column, not both' });
    }
    if (mapping.customerColumn && !mapping.meterKeyColumn && !mapping.meterKey) {
      problems.addIssue({ code: 'custom', path: ['meterKey'], message: 'with a customer column, name the meter key (a column or one key for every row)' });
    }
    if (mapping.unitColumn && mapping.unit) {
      problems.addIssue({ code: 'custom', path: ['unit'], message: 'give either a unit column or one unit for every row, not both' });
    }
  });

export type ImportMapping = z.infer<typeof importMappingSchema>;


/** The mapping's columns that the file must have. */
export function mappedColumns(mapping: ImportMapping): { field: keyof ImportMapping; column: string }[] {
  const fields = ['meterIdColumn', 'customerColumn', 'meterKeyColumn', 'timeColumn', 'valueColumn', 'unitColumn', 'refColumn', 'replacementColumn'] as const;
  return fields.flatMap((field) => (mapping[field] ? [{ field, column: mapping[field] }] : []));
}

/** Refuses a mapping that names a column the file does not have, naming the field and the columns it has. */
export function assertColumnsExist(mapping: ImportMapping, columns: string[]): void {
  const missing = mappedColumns(mapping).filter(({ column }) => !columns.includes(column));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map(({ field, column }) => ({
        field: `mapping.${field}`,
        message: `the file has no column "${column}" (it has: ${columns.map((name) => `"${name}"`).join(', ')})`,
      })),
    );
  }
}

// Header words seen on meter exports and technicians' sheets, per field, lower case.
const HINTS: { field: keyof ImportMapping; words: string[] }[] = [
  { field: 'meterIdColumn', words: ['meter id', 'meterid', 'meter_id', 'meter'] },
  { field: 'customerColumn', words: ['customer', 'customer id', 'customer_id', 'customer email', 'email', 'account', 'subscriber'] },
  { field: 'meterKeyColumn', words: ['meter key', 'meter_key', 'key', 'service', 'metric'] },
  { field: 'timeColumn', words: ['read at', 'read_at', 'readat', 'time', 'timestamp', 'date', 'datetime', 'reading time', 'reading date', 'zeit', 'datum'] },
  { field: 'valueColumn', words: ['value', 'reading', 'quantity', 'usage', 'amount', 'count', 'wert', 'stand', 'volume'] },
  { field: 'unitColumn', words: ['unit', 'units', 'uom', 'einheit'] },
  { field: 'refColumn', words: ['ref', 'reference', 'id', 'reading id'] },
  { field: 'replacementColumn', words: ['replacement', 'replaced', 'meter replaced', 'new meter'] },
];

/**
 * A first guess from the header names: each field takes the first column whose name is one of its
 * words (exact matches before partial ones). Incomplete when the names say nothing; the user fixes it.
 */
export function suggestMapping(columns: string[]): Partial<ImportMapping> {
  const taken = new Set<string>();
  const suggestion: Record<string, string> = {};
  const normalized = columns.map((name) => name.trim().toLowerCase().replace(/\s+/g, ' '));
  for (const exact of [true, false]) {
    for (const { field, words } of HINTS) {
      if (suggestion[field]) continue;
      const index = normalized.findIndex(
        (name, i) => !taken.has(columns[i]!) && words.some((word) => (exact ? name === word : word.length > 3 && name.includes(word))),
      );
      if (index >= 0) {
        suggestion[field] = columns[index]!;
        taken.add(columns[index]!);
      }
    }
  }
  // A file with a meter id column needs no customer; one with a customer column has no meter id.
  if (suggestion.meterIdColumn && suggestion.customerColumn) delete suggestion.customerColumn;
  if (!suggestion.customerColumn) delete suggestion.meterKeyColumn;
  return suggestion as Partial<ImportMapping>;
}
