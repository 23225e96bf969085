// How results reach stdout: one JSON document for scripts (--json), or lines and aligned tables
// for people. Money in JSON is {amountMinor: string, currency}, as the API sends it: a JSON number
// would lose precision past 2^53.
import { toWire, type Money } from '../../billing/money.js';

export interface Column {
  header: string;
  /** Numbers and amounts read best right-aligned. */
  align?: 'left' | 'right';
}

export interface HumanPrinter {
  line(text?: string): void;
  /** Rows of cells under headers, each column as wide as its widest cell. */
  table(columns: Column[], rows: string[][]): void;
  /** Label/value pairs, values aligned: the details of one record. */
  facts(pairs: [label: string, value: string][]): void;
}

export interface Output {
  /** Prints `value` as JSON with --json, otherwise whatever `human` prints. */
  result(value: unknown, human: (print: HumanPrinter) => void): void;
}

export function createOutput(write: (text: string) => void, json: boolean): Output {
  return {
    result(value, human) {
      if (json) write(`${toJson(value)}\n`);
      else human(humanPrinter(write));
    },
  };
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (isMoney(item) ? toWire(item) : typeof item === 'bigint' ? item.toString() : item), 2);
}

function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 2 &&
    typeof (value as Money).amountMinor === 'bigint' &&
    typeof (value as Money).currency === 'string'
  );
}

const width = (text: string) => [...text].length;

function pad(text: string, size: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? fill + text : text + fill;
}

function humanPrinter(write: (text: string) => void): HumanPrinter {
  const line = (text = '') => write(`${text}\n`);
  return {
    line,
    table(columns, rows) {
      const sizes = columns.map((column, i) => Math.max(width(column.header), ...rows.map((row) => width(row[i] ?? ''))));
      const render = (cells: string[]) =>
        columns.map((column, i) => pad(cells[i] ?? '', sizes[i] ?? 0, column.align)).join('  ').trimEnd();
      line(render(columns.map((column) => column.header)));
      for (const row of rows) line(render(row));
    },
    facts(pairs) {
      const size = Math.max(...pairs.map(([label]) => width(label)));
      for (const [label, value] of pairs) line(`  ${pad(label, size)}  ${value}`);
    },
  };
}

/** A timestamp for people: minutes are enough, and UTC says which clock. */
export function timestamp(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-';
}
