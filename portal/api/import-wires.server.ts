// The JSON shapes of the readings import endpoints, as zod schemas (see wire-schemas.server.ts):
// the OpenAPI document is generated from them and every answer is checked against them.
import { z } from 'zod';
import { DATE_FORMATS } from '../../server/services/imports/import-mapping.js';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const timestamp = z.iso.datetime({ offset: true });

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

export const importWire = z
  .object({
    id: z.uuid(),
    source: z.string(),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx', 'json']),
    byteSize: z.int(),
    status: z.enum(['uploaded', 'validating', 'validated', 'committing', 'committed', 'failed']),
    layout: z
      .object({
        columns: z.array(z.string()),
        hasHeader: z.boolean(),
        delimiter: z.string().nullable(),
        encoding: z.string().nullable(),
        sheet: z.string().nullable(),
        sheets: z.array(z.string()).nullable(),
        sample: z.array(z.object({ line: z.int(), cells: z.array(cell) })).meta({ description: 'The first rows, for mapping.' }),
      })
      .nullable(),
    mapping: importMappingWire.nullable().meta({ description: 'The mapping the import was validated with.' }),
    offeredMapping: importMappingWire.partial().meta({ description: "What to map with: the import's own, the source's saved mapping, or a guess from the header." }),
    offeredFrom: z.enum(['import', 'saved', 'suggested']),
    dateDetection: z
      .object({ format: z.enum(DATE_FORMATS), ambiguous: z.boolean(), candidates: z.array(z.enum(DATE_FORMATS)) })
      .nullable()
      .meta({ description: 'How the time column’s sample dates read; `ambiguous` asks for an explicit dateFormat.' }),
    counts: z.object({ total: z.int(), valid: z.int(), invalid: z.int(), duplicate: z.int(), accepted: z.int() }),
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

export const commitResultWire = z
  .object({
    accepted: z.int().meta({ description: 'Readings stored.' }),
    duplicates: z.int().meta({ description: 'Rows already stored (or repeated in the file) with the same value: skipped.' }),
    rejected: z.int().meta({ description: 'Invalid rows not stored (valid_only); see rejected.csv.' }),
    import: importWire,
  })
  .meta({ id: 'ImportCommitResult' });

export const uploadFieldsWire = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'The readings file: CSV, XLSX or JSON.' }),
    source: z.string().meta({ description: 'Where the file comes from; its mapping is saved under this name.' }),
    mapping: z.string().optional().meta({ description: 'The mapping as JSON (an ImportMapping); when given, the file is validated at once.' }),
    options: z
      .string()
      .optional()
      .meta({ description: 'JSON: how to read the file when detection would guess wrong: {format, delimiter, hasHeader, encoding, sheet}.' }),
  })
  .meta({ id: 'ImportUpload' });

