// What the format readers and the import pipeline share: a row of cells, a file's layout, the
// options a user may give, and the error for a file that is not what it claims to be. It sits
// apart from row-source.ts, which picks a reader by format, so the readers need not import the
// module that imports them.

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

/** "Column 1", "Column 2", ... for files without a header row. */
export function numberedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Column ${i + 1}`);
}
