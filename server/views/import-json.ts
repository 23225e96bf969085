// A readings import as JSON: the one shape the REST API answers with and `uplink readings import
// --json` prints. Sample cells are JSON values (dates as ISO strings), times are ISO strings.
import { z } from 'zod';
import { DATE_FORMATS } from '../services/imports/import-mapping.js';
import type { ImportDetails } from '../services/imports/import-details.js';
import type { ImportLayout, ReadingImport } from '../services/imports/import-records.js';
import type { InvalidRow } from '../services/imports/import-errors.js';
import { id, timestamp } from './wire-parts.js';

const jsonCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const importMappingWire = z
  .object({
    meterIdColumn: z.string().optional().meta({ description: 'Column of meter ids; or customerColumn with a meter key.' }),
    customerColumn: z.string().optional().meta({ description: "Column of the customer's id or email address." }),
    meterKeyColumn: z.string().optional().meta({ description: 'Column of meter keys (such as `data`).' }),
    meterKey: z.string().optional().meta({ description: 'One meter key for every row.' }),
    timeColumn: z.string(),
    dateFormat: z.enum(DATE_FORMATS).optional().meta({ description: "How the time column is written; detected when left out." }),
    timeZone: z.string().optional().meta({ description: 'IANA zone of times without an offset; default UPLINK_TIME_ZONE.' }),
    valueColumn: z.string(),
    decimalSeparator: z.enum(['.', ',']).optional().meta({ description: 'Detected when left out.' }),
    unitColumn: z.string().optional().meta({ description: "Column of units; empty cells mean the meter's unit." }),
    unit: z.string().optional().meta({ description: "One unit for every row; default the meter's unit." }),
    refColumn: z.string().optional(),
    replacementColumn: z.string().optional().meta({ description: 'Column saying yes/no: the reading is a replaced meter’s first.' }),
  })
  .meta({ description: 'Which column of the file means what; columns are named by header (or "Column 1", ... without one).' });

/** What the upload found the file to be; shared by every kind of import. */
export const importLayoutWire = z.object({
  columns: z.array(z.string()),
  hasHeader: z.boolean(),
  delimiter: z.string().nullable(),
  encoding: z.string().nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()).nullable(),
  sample: z.array(z.object({ line: z.int(), cells: z.array(jsonCell) })).meta({ description: 'The first rows, for mapping.' }),
});

export const importStatusWire = z.enum(['uploaded', 'validating', 'validated', 'committing', 'committed', 'failed']);

export const importWire = z
  .object({
    id,
    source: z.string(),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx', 'json']),
    byteSize: z.int(),
    status: importStatusWire,
    layout: importLayoutWire.nullable(),
    mapping: importMappingWire.nullable().meta({ description: 'The mapping the import was validated with.' }),
    offeredMapping: importMappingWire.partial().meta({ description: "What to map with: the import's own, the source's saved mapping, or a guess from the header." }),
    offeredFrom: z.enum(['import', 'saved', 'suggested']),
    dateDetection: z
      .object({ format: z.enum(DATE_FORMATS), ambiguous: z.boolean(), candidates: z.array(z.enum(DATE_FORMATS)) })
      .nullable()
      .meta({ description: 'How the time column’s sample dates read; `ambiguous` asks for an explicit dateFormat.' }),
    counts: z.object({ total: z.int(), valid: z.int(), invalid: z.int(), duplicate: z.int(), accepted: z.int() }),
    // Rows done by the running (or last) step, and roughly how many it will go through.
    progress: z.object({ processedRows: z.int(), expectedRows: z.int().nullable() }),
    commitMode: z.enum(['all_or_nothing', 'valid_only']).nullable(),
    failureReason: z.string().nullable(),
    createdAt: timestamp,
    committedAt: timestamp.nullable(),
  })
  .meta({ id: 'ReadingImport' });

export const invalidRowWire = z
  .object({
    line: z.int().meta({ description: 'Line (CSV), row (XLSX) or position (JSON) in the file.' }),
    column: z.string().nullable().meta({ description: 'The column at fault; null when the whole row is (its cell count).' }),
    reason: z.string(),
    cells: z.array(z.unknown()).meta({ description: 'The row as the file had it.' }),
  })
  .meta({ id: 'InvalidImportRow' });

export function importJson(details: ImportDetails): z.input<typeof importWire> {
  const imported = details.import;
  const layout = imported.layout;
  return {
    id: imported.id,
    source: imported.source,
    fileName: imported.fileName,
    format: imported.format,
    byteSize: imported.byteSize,
    status: imported.status,
    layout: layout ? importLayoutJson(layout) : null,
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

export function importLayoutJson(layout: ImportLayout): z.input<typeof importLayoutWire> {
  return {
    columns: layout.columns,
    hasHeader: layout.hasHeader,
    delimiter: layout.delimiter ?? null,
    encoding: layout.encoding ?? null,
    sheet: layout.sheet ?? null,
    sheets: layout.sheets ?? null,
    sample: layout.sample.map((row) => ({ line: row.line, cells: row.cells.map((cell) => (cell instanceof Date ? cell.toISOString() : cell)) })),
  };
}

function expectedRows(imported: ReadingImport): number | null {
  if (imported.status === 'committing' || imported.status === 'committed') return imported.validRows;
  if (imported.totalRows > 0) return imported.totalRows;
  return imported.layout?.estimatedRows ?? null;
}

export function invalidRowJson(row: InvalidRow): z.input<typeof invalidRowWire> {
  return { line: row.line, column: row.column, reason: row.reason, cells: row.cells };
}
