// Reading a readings file of any supported format as plain rows of cells. This is the one entry
// point the import pipeline uses: it knows nothing of meters or mappings, only of files.
//
// The file arrives as a factory of byte chunks because it is read twice (once for its layout,
// once in full) and may be hundreds of megabytes: no reader here ever holds the whole file.
import { detectCsvLayout, readCsvRowBatches, readCsvRows } from './csv-source.js';
import { detectJsonLayout, readJsonRows } from './json-source.js';
import { detectXlsxLayout, readXlsxRows } from './xlsx-source.js';

export type CellValue = string | number | Date | boolean | null;

export interface SourceRow {
  /** Where a user finds the row: the 1-based line a CSV record starts on, an XLSX row number, a JSON object's position (or NDJSON line). */
  line: number;
  /** In column order; an empty cell is null. Rows may be shorter or longer than the columns. */
  cells: CellValue[];
}

export type FileFormat = 'csv' | 'xlsx' | 'json';
export type TextEncoding = 'utf-8' | 'latin1';
export type JsonShape = 'array' | 'object' | 'ndjson';

export interface FileLayout {
  format: FileFormat;
  /** Header names, or "Column 1", "Column 2", ... when the file has no header row. */
  columns: string[];
  hasHeader: boolean;
  /** CSV only. */
  delimiter?: string;
  /** CSV only. */
  encoding?: TextEncoding;
  /** XLSX only: the sheet the rows come from. */
  sheet?: string;
  /** XLSX only: every sheet in the workbook, in order. */
  sheets?: string[];
  /** JSON only: a top-level array of objects, an object holding the array, or one object per line. */
  jsonShape?: JsonShape;
  /** JSON only, with `jsonShape: 'object'`: the property holding the array. */
  jsonProperty?: string;
  /** The first data rows (about 20), for the mapping step and date/number detection. */
  sample: SourceRow[];
}

/** What the user (or a saved mapping) decided; anything left out is detected. */
export interface ReadOptions {
  format?: FileFormat;
  delimiter?: string;
  hasHeader?: boolean;
  encoding?: TextEncoding;
  sheet?: string;
}

export type ByteChunks = () => AsyncIterable<Uint8Array>;

/** A file that cannot be read as the format it claims to be; the message says where and why. */
export class FileFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileFormatError';
  }
}

export const SAMPLE_ROWS = 20;

/** The format from the options, else the file name's extension, else the first bytes. */
export async function detectLayout(fileName: string, chunks: ByteChunks, options: ReadOptions = {}): Promise<FileLayout> {
  const format = options.format ?? formatFromName(fileName) ?? (await formatFromContent(chunks));
  switch (format) {
    case 'csv':
      return detectCsvLayout(chunks, options);
    case 'xlsx':
      return detectXlsxLayout(chunks, options);
    case 'json':
      return detectJsonLayout(chunks, options);
  }
}

/** Every data row of the file (the header row skipped), in file order, read as `layout` says. */
export function readRows(chunks: ByteChunks, layout: FileLayout): AsyncIterable<SourceRow> {
  switch (layout.format) {
    case 'csv':
      return readCsvRows(chunks, layout);
    case 'xlsx':
      return readXlsxRows(chunks, layout);
    case 'json':
      return readJsonRows(chunks, layout);
  }
}

/**
 * The same rows as `readRows`, several at a time. For a million-row file this saves most of the
 * cost of reading (one `await` per batch instead of per row); batches are never empty.
 */
export async function* readRowBatches(chunks: ByteChunks, layout: FileLayout, batchSize = 1000): AsyncIterable<SourceRow[]> {
  if (layout.format === 'csv') {
    yield* readCsvRowBatches(chunks, layout);
    return;
  }
  let batch: SourceRow[] = [];
  for await (const row of readRows(chunks, layout)) {
    batch.push(row);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** "Column 1", "Column 2", ... for files without a header row. */
export function numberedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Column ${i + 1}`);
}

function formatFromName(fileName: string): FileFormat | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx';
  if (extension === 'json' || extension === 'ndjson' || extension === 'jsonl') return 'json';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  return null;
}

/** Without a telling name: a zip archive is a workbook, a leading `[` or `{` is JSON, anything else is text. */
async function formatFromContent(chunks: ByteChunks): Promise<FileFormat> {
  for await (const chunk of chunks()) {
    let i = 0;
    if (chunk[0] === 0x50 && chunk[1] === 0x4b) return 'xlsx';
    if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    while (i < chunk.length && (chunk[i] === 0x20 || chunk[i] === 0x09 || chunk[i] === 0x0a || chunk[i] === 0x0d)) i++;
    if (i === chunk.length) continue;
    return chunk[i] === 0x5b || chunk[i] === 0x7b ? 'json' : 'csv';
  }
  return 'csv';
}
