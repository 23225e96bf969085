// Which column of a bank statement means what. Named by header (or "Column 1", ... for a file
// without one), so the mapping saved for a bank account fits its next statement.
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { DATE_FORMATS } from '../imports/import-mapping.js';

const column = z.string().trim().min(1, 'must name a column of the file').max(200);
const optionalColumn = column.optional();

export const bankStatementMappingSchema = z
  .object({
    /** The booking (or value) date. */
    dateColumn: column,
    /** Detected from the column's values when not given. */
    dateFormat: z.enum(DATE_FORMATS).optional(),
    /** Money in is positive; money out negative ("-12.50", "12.50-", "(12.50)"), or told by the direction column. */
    amountColumn: column,
    /** Detected from the column's values when not given. */
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** A column saying credit or debit (C/D, CRDT/DBIT, H/S...), for statements whose amounts carry no sign. */
    directionColumn: optionalColumn,
    /** A column of ISO currency codes; or `currency` for every row. */
    currencyColumn: optionalColumn,
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code such as EUR')
      .optional(),
    /** What the payer wrote: the invoice number or customer reference is looked for here. */
    referenceColumn: column,
    /** The bank's own id of the transaction: then a statement listing it again records nothing twice. */
    transactionIdColumn: optionalColumn,
    payerColumn: optionalColumn,
  })
  .strict()
  .superRefine((mapping, problems) => {
    if (!mapping.currencyColumn && !mapping.currency) {
      problems.addIssue({ code: 'custom', path: ['currency'], message: 'map a currency column, or give one currency for every row' });
    }
    if (mapping.currencyColumn && mapping.currency) {
      problems.addIssue({ code: 'custom', path: ['currency'], message: 'give either a currency column or one currency for every row, not both' });
    }
  });

export type BankStatementMapping = z.infer<typeof bankStatementMappingSchema>;

const COLUMN_FIELDS = ['dateColumn', 'amountColumn', 'directionColumn', 'currencyColumn', 'referenceColumn', 'transactionIdColumn', 'payerColumn'] as const;

/** Refuses a mapping that names a column the file does not have, naming the field and the columns it has. */
export function assertStatementColumnsExist(mapping: BankStatementMapping, columns: string[]): void {
  const missing = COLUMN_FIELDS.flatMap((field) => (mapping[field] && !columns.includes(mapping[field]) ? [{ field, column: mapping[field] }] : []));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map(({ field, column: name }) => ({
        field: `mapping.${field}`,
        message: `the file has no column "${name}" (it has: ${columns.map((c) => `"${c}"`).join(', ')})`,
      })),
    );
  }
}

// Header words of banks' CSV and spreadsheet exports, per field, lower case (English, German, French, Dutch).
const HINTS: { field: (typeof COLUMN_FIELDS)[number]; words: string[] }[] = [
  {
    field: 'dateColumn',
    words: ['booking date', 'date', 'posting date', 'value date', 'transaction date', 'buchungstag', 'buchungsdatum', 'valuta', 'datum', 'date opération', 'boekdatum'],
  },
  { field: 'amountColumn', words: ['amount', 'betrag', 'credit amount', 'montant', 'bedrag', 'umsatz', 'value'] },
  { field: 'directionColumn', words: ['credit/debit', 'debit/credit', 'cr/dr', 'dr/cr', 'direction', 'soll/haben', 'af bij', 'type'] },
  { field: 'currencyColumn', words: ['currency', 'währung', 'waehrung', 'devise', 'munt', 'ccy'] },
  {
    field: 'referenceColumn',
    words: ['reference', 'remittance information', 'description', 'verwendungszweck', 'payment reference', 'memo', 'details', 'libellé', 'omschrijving', 'purpose'],
  },
  { field: 'transactionIdColumn', words: ['transaction id', 'transaction reference', 'bank reference', 'end to end id', 'end-to-end id', 'id', 'transaktions-id', 'referenz'] },
  { field: 'payerColumn', words: ['payer', 'payer name', 'counterparty', 'name', 'auftraggeber', 'zahlungspflichtiger', 'beguenstigter/zahlungspflichtiger', 'counterparty name', 'tegenrekening naam'] },
];

/**
 * A first guess from the header names: each field takes the first column whose name is one of its
 * words (exact matches before partial ones). Incomplete when the names say nothing; staff fix it.
 */
export function suggestStatementMapping(columns: string[]): Partial<BankStatementMapping> {
  const taken = new Set<string>();
  const suggestion: Record<string, string> = {};
  const normalized = columns.map((name) => name.trim().toLowerCase().replace(/\s+/g, ' '));
  for (const exact of [true, false]) {
    for (const { field, words } of HINTS) {
      if (suggestion[field]) continue;
      const index = normalized.findIndex((name, i) => !taken.has(columns[i]!) && words.some((word) => (exact ? name === word : word.length > 3 && name.includes(word))));
      if (index >= 0) {
        suggestion[field] = columns[index]!;
        taken.add(columns[index]!);
      }
    }
  }
  return suggestion as Partial<BankStatementMapping>;
}
