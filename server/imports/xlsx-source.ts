// XLSX workbooks through exceljs' streaming reader: one sheet's rows, never the whole workbook.
//
// Cells come back as their values: Dates for date-formatted cells (exceljs reads the style to
// know, hence `styles: 'cache'`), numbers as numbers (a serial date in a cell formatted as a
// number stays a number; the date parser reads serials), text, and formulas, rich text,
// hyperlinks and errors flattened to what the cell shows.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
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
  const rows: SourceRow[] = [];
  let sheets: string[] | undefined;
  const sheet = await withSheets(chunks, async (reader, workbook) => {
    sheets ??= sheetNames(workbook);
    if (options.sheet !== undefined && sheetName(reader) !== options.sheet) return false;
    for await (const row of sheetRows(reader)) {
      rows.push(row);
      if (rows.length >= DETECT_ROWS) break;
    }
    // Without a sheet named, the first one holding any data is the one meant.
    return rows.length > 0 || options.sheet !== undefined;
  });
  if (sheet === null) {
    if (options.sheet !== undefined) {
      throw new FileFormatError(`The workbook has no sheet named '${options.sheet}'${sheetList(sheets)}`);
    }
    throw new FileFormatError('The workbook has no rows in any sheet');
  }
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
    ...(sheets ? { sheets } : {}),
    sample: data.slice(0, SAMPLE_ROWS),
  };
}

export async function* readXlsxRows(chunks: ByteChunks, layout: FileLayout): AsyncIterable<SourceRow> {
  // A sheet's name is read before any of its rows is given out, so starting again is safe.
  try {
    yield* layoutRows(chunks, layout, undefined);
    return;
  } catch (error) {
    if (!(error instanceof SheetNamesNotYetRead)) throw asFormatError(error);
  }
  try {
    yield* layoutRows(chunks, layout, await readSheetModel(chunks));
  } catch (error) {
    throw asFormatError(error);
  }
}

async function* layoutRows(
  chunks: ByteChunks,
  layout: FileLayout,
  known: SheetModel | undefined,
): AsyncIterable<SourceRow> {
  const input = Readable.from(chunks());
  try {
    const workbook = openWorkbook(input, known);
    for await (const reader of workbook) {
      if (layout.sheet !== undefined && sheetName(reader) !== layout.sheet) {
        await skipSheet(reader);
        continue;
      }
      let skipHeader = layout.hasHeader;
      let any = false;
      for await (const row of sheetRows(reader)) {
        any = true;
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        yield row;
      }
      // Without a sheet named, the rows are those of the first sheet holding any.
      if (any || layout.sheet !== undefined) return;
    }
    if (layout.sheet !== undefined) throw new FileFormatError(`The workbook has no sheet named '${layout.sheet}'`);
  } finally {
    input.destroy();
  }
}

type WorkbookReader = ExcelJS.stream.xlsx.WorkbookReader;
type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/**
 * What exceljs learns from `xl/workbook.xml` and its relationships: the sheets' names. A zip may
 * store that entry after the sheets themselves (entry order is the writer's choice), and exceljs
 * then meets a sheet before it knows any name, and without a model at all it fails inside its own
 * reader. So a workbook starts with an empty model; a sheet met while it is still that model means
 * the names come later in the file, and the sheets are read again with the names learnt by one pass first.
 */
interface SheetModel {
  model: { sheets: { id: number; name: string; rId: string; state?: string }[] };
  workbookRels: unknown;
}

class SheetNamesNotYetRead extends Error {}

/** The model a workbook starts with: still this object when a sheet is met, the names come later. */
const modelsNotYetRead = new WeakSet<object>();

function openWorkbook(input: Readable, known?: SheetModel): WorkbookReader {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    styles: 'cache',
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  if (known) {
    Object.assign(workbook, known);
  } else {
    const notYetRead = { sheets: [] };
    modelsNotYetRead.add(notYetRead);
    Object.assign(workbook, { model: notYetRead });
  }
  return workbook;
}

async function readSheetModel(chunks: ByteChunks): Promise<SheetModel> {
  const input = Readable.from(chunks());
  try {
    const workbook = openWorkbook(input);
    for await (const reader of workbook) await skipSheet(reader);
    const learnt = workbook as WorkbookReader & Partial<SheetModel>;
    if (!learnt.model || modelsNotYetRead.has(learnt.model)) throw new FileFormatError('The workbook lists no sheets');
    return { model: learnt.model, workbookRels: learnt.workbookRels };
  } finally {
    input.destroy();
  }
}

/** Offers each sheet in turn to `visit` until it returns true; returns that sheet's name, or null. */
async function withSheets(
  chunks: ByteChunks,
  visit: (reader: WorksheetReader, workbook: WorkbookReader) => Promise<boolean>,
): Promise<string | null> {
  try {
    return await visitSheets(chunks, visit, undefined);
  } catch (error) {
    if (!(error instanceof SheetNamesNotYetRead)) throw asFormatError(error);
  }
  try {
    return await visitSheets(chunks, visit, await readSheetModel(chunks));
  } catch (error) {
    throw asFormatError(error);
  }
}

async function visitSheets(
  chunks: ByteChunks,
  visit: (reader: WorksheetReader, workbook: WorkbookReader) => Promise<boolean>,
  known: SheetModel | undefined,
): Promise<string | null> {
  const input = Readable.from(chunks());
  try {
    const workbook = openWorkbook(input, known);
    for await (const reader of workbook) {
      if (await visit(reader, workbook)) return sheetName(reader);
      await skipSheet(reader);
    }
    return null;
  } finally {
    // Stops the read of the rest of the file (and the zip parser waiting on it).
    input.destroy();
  }
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
  const named = reader as WorksheetReader & { name: string; workbook: { model: object } };
  if (modelsNotYetRead.has(named.workbook.model)) throw new SheetNamesNotYetRead();
  return named.name;
}

function sheetNames(workbook: WorkbookReader): string[] | undefined {
  const model = (workbook as WorkbookReader & { model?: { sheets?: { name: string }[] } }).model;
  return model?.sheets?.map((sheet) => sheet.name);
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
