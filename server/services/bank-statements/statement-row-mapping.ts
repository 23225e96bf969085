// One statement row through the mapping: the day, which way the money went and how much, in
// which currency, the reference the payer wrote, the bank's transaction id and the payer; or the
// first thing wrong with it, naming the column and why. Money going out is read as far as it can
// be and then skipped, never refused: a statement is full of our own payments.
import { directionOf, transferAmount } from '../../../billing/payments/bank-transfers.js';
import { parseDateCell, type DateFormat } from '../../imports/dates.js';
import type { CellValue, SourceRow } from '../../imports/file-layout.js';
import { parseNumberCell, type DecimalSeparator } from '../../imports/numbers.js';
import { rawCells } from '../imports/row-mapping.js';
import type { BankStatementMapping } from './statement-mapping.js';

/** The mapping with everything detected filled in. */
export interface ResolvedStatementMapping {
  mapping: BankStatementMapping;
  columns: string[];
  dateFormat: DateFormat;
  decimalSeparator: DecimalSeparator;
  /** Files whose rows must all have the header's cell count (CSV). */
  strictCellCount: boolean;
}

export interface MappedTransfer {
  line: number;
  bookedOn: string | null;
  /** Positive; `direction` says which way. */
  amountMinor: bigint | null;
  currency: string | null;
  direction: 'credit' | 'debit' | null;
  reference: string;
  transactionId: string | null;
  payerName: string | null;
  raw: string;
  errorColumn: string | null;
  errorReason: string | null;
}

export const MAX_REFERENCE_CHARS = 1000;
const MAX_NAME_CHARS = 200;

class RowProblem {
  constructor(
    readonly column: string | null,
    readonly reason: string,
  ) {}
}

export function statementRowMapper(resolved: ResolvedStatementMapping): (row: SourceRow) => MappedTransfer {
  const { mapping, columns } = resolved;
  const at = (name: string | undefined) => (name === undefined ? -1 : columns.indexOf(name));
  const positions = {
    date: at(mapping.dateColumn),
    amount: at(mapping.amountColumn),
    direction: at(mapping.directionColumn),
    currency: at(mapping.currencyColumn),
    reference: at(mapping.referenceColumn),
    transactionId: at(mapping.transactionIdColumn),
    payer: at(mapping.payerColumn),
  };

  return (row) => {
    const mapped: MappedTransfer = {
      line: row.line,
      bookedOn: null,
      amountMinor: null,
      currency: null,
      direction: null,
      reference: '',
      transactionId: null,
      payerName: null,
      raw: rawCells(row.cells),
      errorColumn: null,
      errorReason: null,
    };
    const cells = row.cells;
    const cell = (position: number) => (position < 0 ? null : (cells[position] ?? null));
    try {
      if (resolved.strictCellCount && cells.length !== columns.length) {
        throw new RowProblem(null, `the row has ${cells.length} cells, the file has ${columns.length} columns`);
      }
      // Which way first: a row of money going out is skipped whatever else is wrong with it.
      const signed = signedAmount(cell(positions.amount), resolved.decimalSeparator, mapping.amountColumn);
      const direction = positions.direction < 0 ? null : directionCell(cell(positions.direction), mapping.directionColumn!);
      if (direction === 'credit' && signed.negative) throw new RowProblem(mapping.amountColumn, `is negative, but ${mapping.directionColumn} says money came in`);
      mapped.direction = direction ?? (signed.negative ? 'debit' : 'credit');

      mapped.reference = limited(text(cell(positions.reference)), MAX_REFERENCE_CHARS, mapping.referenceColumn);
      mapped.transactionId = limited(text(cell(positions.transactionId)), MAX_NAME_CHARS, mapping.transactionIdColumn ?? null) || null;
      mapped.payerName = limited(text(cell(positions.payer)), MAX_NAME_CHARS, mapping.payerColumn ?? null) || null;

      const currency = mapping.currency ?? text(cell(positions.currency)).toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) {
        throw new RowProblem(mapping.currencyColumn ?? 'currency', currency === '' ? 'is empty: every row needs its currency' : `"${currency}" is not a currency code`);
      }
      mapped.currency = currency;
      const amount = transferAmount(signed.unsigned, currency);
      if (!amount.ok) throw new RowProblem(mapping.amountColumn, amount.reason);
      mapped.amountMinor = amount.amountMinor;

      const dateCell = cell(positions.date);
      if (isEmpty(dateCell)) throw new RowProblem(mapping.dateColumn, 'is empty: every row needs its booking date');
      // A booking date is a calendar day: read in UTC, it is the day the statement shows.
      const date = parseDateCell(dateCell, resolved.dateFormat, 'UTC');
      if (!date.ok) throw new RowProblem(mapping.dateColumn, date.reason);
      mapped.bookedOn = date.iso.slice(0, 10);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      mapped.errorColumn = error.column;
      mapped.errorReason = error.reason;
    }
    return mapped;
  };
}

/**
 * The amount cell as an unsigned plain decimal and its sign. Statements write money out as
 * "-12.50", "12.50-" or "(12.50)", sometimes with a currency sign.
 */
function signedAmount(value: CellValue, decimalSeparator: DecimalSeparator, column: string): { unsigned: string; negative: boolean } {
  if (isEmpty(value)) throw new RowProblem(column, 'is empty: every row needs an amount');
  let cellValue: CellValue = value;
  let negative = false;
  if (typeof value === 'string') {
    let written = value.trim().replace(/[€$£¥]/g, '').trim();
    if (/^\(.*\)$/.test(written)) {
      negative = true;
      written = written.slice(1, -1).trim();
    }
    if (/[-\u2212]$/.test(written)) {
      negative = !negative;
      written = written.slice(0, -1).trim();
    }
    cellValue = written;
  }
  const number = parseNumberCell(cellValue, decimalSeparator);
  if (!number.ok) throw new RowProblem(column, number.reason);
  const minus = number.value.startsWith('-');
  return { unsigned: minus ? number.value.slice(1) : number.value, negative: negative !== minus };
}

function directionCell(value: CellValue, column: string): 'credit' | 'debit' {
  const word = text(value);
  const direction = directionOf(word);
  if (direction === null) throw new RowProblem(column, word === '' ? 'is empty: say credit or debit' : `"${word}" says neither credit nor debit`);
  return direction;
}

function limited(value: string, max: number, column: string | null): string {
  if ([...value].length > max) throw new RowProblem(column, `is longer than ${max} characters`);
  return value;
}

function text(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).replace(/\s+/g, ' ').trim();
}

function isEmpty(cell: CellValue): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}
