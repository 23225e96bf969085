// A readings import as JSON: the one shape the REST API answers with and `uplink readings import
// --json` prints. Sample cells are JSON values (dates as ISO strings), times are ISO strings.
import type { DateFormatDetection } from '../imports/dates.js';
import type { ImportMapping } from '../services/imports/import-mapping.js';
import type { ImportDetails } from '../services/imports/import-details.js';
import type { ReadingImport } from '../services/imports/import-records.js';
import type { InvalidRow } from '../services/imports/import-errors.js';

type JsonCell = string | number | boolean | null;

export interface ImportLayoutJson {
  columns: string[];
  hasHeader: boolean;
  delimiter: string | null;
  encoding: string | null;
  sheet: string | null;
  sheets: string[] | null;
  sample: { line: number; cells: JsonCell[] }[];
}

export interface ImportJson {
  id: string;
  source: string;
  fileName: string;
  format: ReadingImport['format'];
  byteSize: number;
  status: ReadingImport['status'];
  layout: ImportLayoutJson | null;
  mapping: ImportMapping | null;
  /** What to map the columns with: the import's own mapping, the source's saved one, or a guess. */
  offeredMapping: Partial<ImportMapping>;
  offeredFrom: ImportDetails['offeredFrom'];
  dateDetection: DateFormatDetection | null;
  counts: { total: number; valid: number; invalid: number; duplicate: number; accepted: number };
  /** Rows done by the running (or last) step, and roughly how many it will go through. */
  progress: { processedRows: number; expectedRows: number | null };
  commitMode: ReadingImport['commitMode'];
  failureReason: string | null;
  createdAt: string;
  committedAt: string | null;
}

export function importJson(details: ImportDetails): ImportJson {
  const imported = details.import;
  const layout = imported.layout;
  return {
    id: imported.id,
    source: imported.source,
    fileName: imported.fileName,
    format: imported.format,
    byteSize: imported.byteSize,
    status: imported.status,
    layout: layout
      ? {
          columns: layout.columns,
          hasHeader: layout.hasHeader,
          delimiter: layout.delimiter ?? null,
          encoding: layout.encoding ?? null,
          sheet: layout.sheet ?? null,
          sheets: layout.sheets ?? null,
          sample: layout.sample.map((row) => ({ line: row.line, cells: row.cells.map((cell) => (cell instanceof Date ? cell.toISOString() : cell)) })),
        }
      : null,
    mapping: imported.mapping,
    offeredMapping: details.offeredMapping,
    offeredFrom: details.offeredFrom,
    dateDetection: details.dateDetection,
    counts: {
      total: imported.totalRows,
      valid: imported.validRows,
      invalid: imported.invalidRows,
      duplicate: imported.duplicateRows,
      accepted: imported.acceptedRows,
    },
    progress: { processedRows: imported.processedRows, expectedRows: expectedRows(imported) },
    commitMode: imported.commitMode,
    failureReason: imported.failureReason,
    createdAt: imported.createdAt.toISOString(),
    committedAt: imported.committedAt?.toISOString() ?? null,
  };
}

function expectedRows(imported: ReadingImport): number | null {
  if (imported.status === 'committing' || imported.status === 'committed') return imported.validRows;
  if (imported.totalRows > 0) return imported.totalRows;
  return imported.layout?.estimatedRows ?? null;
}

export interface InvalidRowJson {
  line: number;
  column: string | null;
  reason: string;
  cells: unknown[];
}

export function invalidRowJson(row: InvalidRow): InvalidRowJson {
  return { line: row.line, column: row.column, reason: row.reason, cells: row.cells };
}
