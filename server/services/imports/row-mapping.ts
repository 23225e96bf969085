// One file row through the mapping: which meter, when, how much (in the meter's unit), or the
// first thing wrong with it, naming the column and why. Only what a single row can tell is
// checked here; duplicates and register order need all rows and are checked in SQL afterwards.
import { readingConsumption } from '../../../billing/rating/meter-consumption.js';
import { normalizeUnit } from '../../../billing/rating/units.js';
import { parseDateCell, type DateFormat } from '../../imports/dates.js';
import { parseNumberCell, type DecimalSeparator } from '../../imports/numbers.js';
import type { CellValue, SourceRow } from '../../imports/file-layout.js';
import { checkReading, type ReadingProblem } from '../readings/reading-checks.js';
import type { ImportMapping } from './import-mapping.js';
import type { MeterLookup } from './meter-lookup.js';

/** The mapping with everything detected filled in, and columns resolved to positions. */
export interface ResolvedMapping {
  mapping: ImportMapping;
  columns: string[];
  dateFormat: DateFormat;
  timeZone: string;
  decimalSeparator: DecimalSeparator;
  /** Files whose rows must all have the header's cell count (CSV); other readers pad or name cells. */
  strictCellCount: boolean;
}

export interface StagedRow {
  line: number;
  meterId: string | null;
  readAt: string | null;
  value: string | null;
  consumption: string | null;
  replacement: boolean;
  ref: string | null;
  raw: string;
  errorColumn: string | null;
  errorReason: string | null;
}

class RowProblem {
  constructor(
    readonly column: string | null,
    readonly reason: string,
  ) {}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YES = new Set(['true', 'yes', 'y', '1', 'x', 'ja', 'oui', 'si']);
const NO = new Set(['', 'false', 'no', 'n', '0', 'nein', 'non']);

export function rawCells(cells: CellValue[]): string {
  return JSON.stringify(cells.map((cell) => (cell instanceof Date ? wallClockText(cell) : cell)));
}

/**
 * A spreadsheet date cell holds the wall-clock time the sheet shows (read as UTC fields), not an
 * instant: kept as "2026-04-01 08:30:00" with no zone, so a corrected file of rejected rows is
 * read in the import's time zone again, not shifted to UTC.
 */
function wallClockText(cell: Date): string {
  return cell.toISOString().slice(0, 19).replace('T', ' ');
}

export const isBlankRow = (cells: CellValue[]) => cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));

/** A mapper for one validation run: column positions looked up once, not per row. */
export function rowMapper(resolved: ResolvedMapping, lookup: MeterLookup): (row: SourceRow) => StagedRow {
  const { mapping, columns } = resolved;
  const at = (name: string | undefined) => (name === undefined ? -1 : columns.indexOf(name));
  const positions = {
    meterId: at(mapping.meterIdColumn),
    customer: at(mapping.customerColumn),
    meterKey: at(mapping.meterKeyColumn),
    time: at(mapping.timeColumn),
    value: at(mapping.valueColumn),
    unit: at(mapping.unitColumn),
    ref: at(mapping.refColumn),
    replacement: at(mapping.replacementColumn),
  };
  const unitColumn = mapping.unitColumn ?? 'unit';
  const constantUnit = mapping.unit === undefined ? null : normalizeUnit(mapping.unit);

  const findMeter = (cells: CellValue[]) => {
    if (mapping.meterIdColumn) {
      const id = text(cells[positions.meterId]);
      if (id === '') throw new RowProblem(mapping.meterIdColumn, 'is empty: every row needs a meter id');
      const meter = UUID.test(id) ? lookup.byId(id) : undefined;
      if (!meter) throw new RowProblem(mapping.meterIdColumn, `no meter has the id "${id}"`);
      return meter;
    }
    const customerColumn = mapping.customerColumn ?? '';
    const who = text(cells[positions.customer]);
    if (who === '') throw new RowProblem(customerColumn, 'is empty: every row needs a customer id or email');
    const customerId = lookup.customerId(who);
    if (!customerId) throw new RowProblem(customerColumn, `no customer has the id or email "${who}"`);
    const key = mapping.meterKeyColumn ? text(cells[positions.meterKey]) : (mapping.meterKey ?? '');
    const keyColumn = mapping.meterKeyColumn ?? 'meterKey';
    if (key === '') throw new RowProblem(keyColumn, 'is empty: every row needs a meter key');
    const meter = lookup.byCustomerKey(customerId, key);
    if (!meter) throw new RowProblem(keyColumn, `customer "${who}" has no meter "${key}"`);
    return meter;
  };

  const problemColumn = (problem: ReadingProblem): string | null => {
    if (problem.field === 'unit') return unitColumn;
    if (problem.field === 'replacement') return mapping.replacementColumn ?? null;
    if (problem.field === 'ref') return mapping.refColumn ?? null;
    return mapping.valueColumn;
  };

  return (row) => {
    const staged: StagedRow = {
      line: row.line,
      meterId: null,
      readAt: null,
      value: null,
      consumption: null,
      replacement: false,
      ref: null,
      raw: rawCells(row.cells),
      errorColumn: null,
      errorReason: null,
    };
    try {
      const cells = row.cells;
      if (resolved.strictCellCount && cells.length !== columns.length) {
        throw new RowProblem(null, `the row has ${cells.length} cells, the file has ${columns.length} columns`);
      }
      const meter = findMeter(cells);
      staged.meterId = meter.id;

      const timeCell = cells[positions.time] ?? null;
      if (isEmpty(timeCell)) throw new RowProblem(mapping.timeColumn, 'is empty: every row needs the time of the reading');
      const time = parseDateCell(timeCell, resolved.dateFormat, resolved.timeZone);
      if (!time.ok) throw new RowProblem(mapping.timeColumn, time.reason);
      staged.readAt = time.iso;

      const valueCell = cells[positions.value] ?? null;
      if (isEmpty(valueCell)) throw new RowProblem(mapping.valueColumn, 'is empty: every row needs a value');
      const number = parseNumberCell(valueCell, resolved.decimalSeparator);
      if (!number.ok) throw new RowProblem(mapping.valueColumn, number.reason);

      const unit = positions.unit >= 0 ? text(cells[positions.unit]) || meter.unit : (constantUnit ?? meter.unit);
      if (positions.replacement >= 0) {
        const flag = text(cells[positions.replacement]).toLowerCase();
        if (YES.has(flag)) staged.replacement = true;
        else if (!NO.has(flag)) throw new RowProblem(mapping.replacementColumn ?? null, `"${flag}" is not yes or no`);
      }
      const ref = positions.ref >= 0 ? text(cells[positions.ref]) || null : null;
      // The same checks as a reading sent to the API (bounded value, unit, replacement, ref).
      const checked = checkReading(meter, { value: number.value, unit, replacement: staged.replacement, ref });
      if (!checked.ok) throw new RowProblem(problemColumn(checked.problem), checked.problem.message);
      const value = checked.value;
      staged.value = value;
      staged.ref = ref;

      // Without the previous reading: the checks one reading allows (negative, above the register's
      // maximum), and the consumption of a delta meter. A register's difference comes later, in order.
      const consumption = readingConsumption(meter, null, { value, replacement: staged.replacement });
      if (!consumption.ok) throw new RowProblem(mapping.valueColumn, consumption.reason);
      staged.consumption = consumption.consumption;
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      staged.errorColumn = error.column;
      staged.errorReason = error.reason;
    }
    return staged;
  };
}

function text(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

function isEmpty(cell: CellValue): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}
