// XLSX workbooks through exceljs' streaming reader: one sheet's rows, never the whole workbook.
//
// Cells come back as their values: Dates for date-formatted cells (exceljs reads the style to
// know, hence `styles: 'cache'`), numbers as numbers (a serial date in a cell formatted as a
// number stays a number; the date parser reads serials), text, and formulas, rich text,
// hyperlinks and errors flattened to what the cell shows.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper, { type Entry as ZipEntry } from 'unzipper';
import {
  FileFormatError,
  SAMPLE_ROWS,
  numberedColumns,
  type ByteChunks,
  type CellValue,
  type FileLayout,
  type ReadOptions,
  type SourceRow,
} from './file-layout.js';
import { headerNames, looksLikeHeader } from './header-detection.js';

const DETECT_ROWS = 51;

export async function detectXlsxLayout(chunks: ByteChunks, options: ReadOptions): Promise<FileLayout> {
  const index = await readWorkbookIndex(chunks);
  const sheets = index.sheetNames;
  if (options.sheet !== undefined && !sheets.includes(options.sheet)) {
    throw new FileFormatError(`The workbook has no sheet named '${options.sheet}'${sheetList(sheets)}`);
  }
  const sampled = await sampleSheet(chunks, index, options.sheet);
  if (sampled === null) throw new FileFormatError('The workbook has no rows in any sheet');
  const { sheet, rows } = sampled;
  const first = rows[0];
  if (first === undefined) throw new FileFormatError(`Sheet '${sheet}' has no rows`);
  const hasHeader = options.hasHeader ?? looksLikeHeader(first.cells, rows.slice(1).map((r) => r.cells));
  const data = hasHeader ? rows.slice(1) : rows;
  const width = Math.max(first.cells.length, ...data.map((r) => r.cells.length));
  return {
    format: 'xlsx',
    columns: hasHeader ? headerNames(first.cells, width) : numberedColumns(width),
    hasHeader,
    sheet,
    sheets,
    sample: data.slice(0, SAMPLE_ROWS),
  };
}

export async function* readXlsxRows(chunks: ByteChunks, layout: FileLayout): AsyncIterable<SourceRow> {
  try {
    const index = await readWorkbookIndex(chunks);
    const sheet = layout.sheet ?? (await firstSheetWithRows(chunks, index));
    if (sheet === null) return;
    if (!index.sheetNames.includes(sheet)) throw new FileFormatError(`The workbook has no sheet named '${sheet}'`);
    let skipHeader = layout.hasHeader;
    for await (const row of namedSheetRows(chunks, index, sheet)) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      yield row;
    }
  } catch (error) {
    throw asFormatError(error);
  }
}

type WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader;
type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/**
 * What a worksheet needs from the rest of the file before its first cell can be read: the sheets'
 * names (`xl/workbook.xml` and its relationships, which also say whether dates count from 1904),
 * the number formats that tell a date from a number (`xl/styles.xml`) and the shared strings.
 * A zip may store those after the sheets (entry order is the writer's choice; exceljs' own writer
 * puts the workbook part last). exceljs' streaming reader then reads a sheet without them (unnamed,
 * its dates as numbers, or failing outright), or parks it in a temporary file, and under load a
 * parked sheet was read before the shared strings that followed it. So a first pass over the zip
 * reads these parts, with exceljs' own parsers, into the state every later reader starts with; the
 * sheets are then read straight from the stream, in one pass, whatever the order.
 */
interface WorkbookIndex {
  sheetNames: string[];
  prepare(workbook: WorkbookReader): void;
}

/** exceljs' reader internals this relies on (exceljs is pinned to an exact version). */
interface WorkbookParts {
  _parseRels(entry: ZipEntry): Promise<void>;
  _parseWorkbook(entry: ZipEntry): Promise<void>;
  _parseStyles(entry: ZipEntry): Promise<void>;
  _parseSharedStrings(entry: ZipEntry): AsyncIterable<unknown>;
  model?: { sheets?: { name: string }[] };
}

const STATE_FIELDS = ['model', 'properties', 'styles', 'sharedStrings', 'workbookRels'] as const;

const INDEX_PARTS: Record<string, (reader: WorkbookParts, entry: ZipEntry) => Promise<void>> = {
  'xl/_rels/workbook.xml.rels': (reader, entry) => reader._parseRels(entry),
  'xl/workbook.xml': (reader, entry) => reader._parseWorkbook(entry),
  'xl/styles.xml': (reader, entry) => reader._parseStyles(entry),
  'xl/sharedStrings.xml': async (reader, entry) => {
    for await (const _event of reader._parseSharedStrings(entry)) {
      // cached on the reader
    }
  },
};

async function readWorkbookIndex(chunks: ByteChunks): Promise<WorkbookIndex> {
  // A workbook without text has no shared strings part, and that is known only at the zip's end.
  const template = Object.assign(openWorkbook(Readable.from([])), { sharedStrings: [], workbookRels: [] });
  const parts = template as unknown as WorkbookParts;
  const seen = new Set<string>();
  const input = Readable.from(chunks());
  try {
    const zip = input.pipe(unzipper.Parse({ forceStream: true }));
    for await (const entry of zip as AsyncIterable<ZipEntry>) {
      const parse = INDEX_PARTS[entry.path];
      if (parse) {
        await parse(parts, entry);
        seen.add(entry.path);
      }
      entry.autodrain();
      if (seen.size === Object.keys(INDEX_PARTS).length) break;
    }
  } catch (error) {
    throw asFormatError(error);
  } finally {
    // Stops the read of the rest of the file once every part is in.
    input.destroy();
  }
  if (!seen.has('xl/workbook.xml')) throw new FileFormatError('The workbook lists no sheets (it has no xl/workbook.xml)');
  const state = Object.fromEntries(STATE_FIELDS.map((field) => [field, template[field as keyof typeof template]]));
  return {
    sheetNames: (parts.model?.sheets ?? []).map((sheet) => sheet.name),
    prepare: (workbook) => void Object.assign(workbook, state),
  };
}

function openWorkbook(input: Readable): WorkbookReader {
  return new ExcelJS.stream.xlsx.WorkbookReader(input, {
    styles: 'cache',
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
}

/** The sheets as the zip stores them (not always the workbook's order), each named. */
async function* eachSheet(chunks: ByteChunks, index: WorkbookIndex): AsyncIterable<WorksheetReader> {
  const input = Readable.from(chunks());
  try {
    const workbook = openWorkbook(input);
    index.prepare(workbook);
    for await (const reader of workbook) {
      yield reader;
      await skipSheet(reader);
    }
  } finally {
    // Stops the read of the rest of the file (and the zip parser waiting on it).
    input.destroy();
  }
}

async function* namedSheetRows(chunks: ByteChunks, index: WorkbookIndex, sheet: string): AsyncIterable<SourceRow> {
  for await (const reader of eachSheet(chunks, index)) {
    if (sheetName(reader) !== sheet) continue;
    yield* sheetRows(reader);
    return;
  }
}

interface SheetSample {
  sheet: string;
  rows: SourceRow[];
}

/** The first rows of the sheet named, or without a name of the first sheet holding any data. */
async function sampleSheet(chunks: ByteChunks, index: WorkbookIndex, named: string | undefined): Promise<SheetSample | null> {
  if (named !== undefined) {
    const rows: SourceRow[] = [];
    for await (const row of namedSheetRows(chunks, index, named)) {
      rows.push(row);
      if (rows.length >= DETECT_ROWS) break;
    }
    return { sheet: named, rows };
  }
  // The zip may store the sheets in another order than the workbook's, so each sheet met is
  // sampled (or noted as empty) until every sheet before the first with data is known.
  const samples = new Map<string, SourceRow[]>();
  const decided = (): SheetSample | null | undefined => {
    for (const sheet of index.sheetNames) {
      const rows = samples.get(sheet);
      if (rows === undefined) return undefined;
      if (rows.length > 0) return { sheet, rows };
    }
    return null;
  };
  for await (const reader of eachSheet(chunks, index)) {
    const rows: SourceRow[] = [];
    // Read to the sheet's end: the next sheet comes from the same stream.
    for await (const row of sheetRows(reader)) if (rows.length < DETECT_ROWS) rows.push(row);
    samples.set(sheetName(reader), rows);
    const answer = decided();
    if (answer !== undefined) return answer;
  }
  return decided() ?? null;
}

async function firstSheetWithRows(chunks: ByteChunks, index: WorkbookIndex): Promise<string | null> {
  return (await sampleSheet(chunks, index, undefined))?.sheet ?? null;
}

/**
 * Reads a sheet we pass over to its end. When a workbook stores its sheets before its shared
 * strings, exceljs parks each sheet in a temporary file and deletes the file once the sheet's turn
 * is over; a sheet nobody read would be deleted before its file is even opened, and the late open
 * fails outside any handler (ENOENT), crashing the process.
 */
async function skipSheet(reader: WorksheetReader): Promise<void> {
  for await (const _row of reader as AsyncIterable<unknown>) {
    // nothing to keep
  }
}

async function* sheetRows(reader: WorksheetReader): AsyncIterable<SourceRow> {
  for await (const row of reader as AsyncIterable<ExcelJS.Row>) {
    const values = row.values;
    if (!Array.isArray(values)) continue;
    // row.values is 1-based (index 0 unused) and sparse where cells are empty.
    const cells: CellValue[] = new Array<CellValue>(Math.max(values.length - 1, 0));
    let filled = false;
    for (let i = 1; i < values.length; i++) {
      const value = cellValue(values[i]);
      cells[i - 1] = value;
      if (value !== null && value !== '') filled = true;
    }
    if (filled) yield { line: row.number, cells };
  }
}

/** What a user sees in the cell. */
export function cellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('error' in value) return String(value.error);
  if ('text' in value) return cellValue(value.text as ExcelJS.CellValue);
  return null;
}

function sheetName(reader: WorksheetReader): string {
  return (reader as WorksheetReader & { name: string }).name;
}

function sheetList(sheets: string[] | undefined): string {
  return sheets && sheets.length > 0 ? ` (it has ${sheets.map((s) => `'${s}'`).join(', ')})` : '';
}

/** zip and XML failures as a message about the file, not a stack from inside the reader. */
function asFormatError(error: unknown): Error {
  if (error instanceof FileFormatError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new FileFormatError(`The file cannot be read as an XLSX workbook: ${detail}`);
}
