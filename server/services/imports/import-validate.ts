// Step 2 of an import: every row of the stored file through the mapping into the staging table
// (COPY), then the checks that need all rows (set-based SQL), then the counts. Nothing reaches
// meter_readings here; validating again starts from an empty staging table, so a run cut off
// half-way leaves nothing that counts.
import { eq, sql } from 'drizzle-orm';
import { copyIn } from '../../../db/copy.js';
import { readingImportRows, readingImports } from '../../../db/schema.js';
import { detectDateFormat } from '../../imports/dates.js';
import { detectDecimalSeparator } from '../../imports/numbers.js';
import { FileFormatError, readRows, type CellValue } from '../../imports/row-source.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, parseInput } from '../errors.js';
import { storedChunks } from './import-chunks.js';
import { assertColumnsExist, importMappingSchema, type ImportMapping } from './import-mapping.js';
import { progressRecorder, type ProgressListener } from './import-progress.js';
import { getImport, toReadingImport, type ImportLayout, type ReadingImport } from './import-records.js';
import { loadMeterLookup } from './meter-lookup.js';
import { isBlankRow, rowMapper, type ResolvedMapping } from './row-mapping.js';
import { saveMapping } from './saved-mappings.js';
import {
  computeRegisterConsumption,
  countStagedRows,
  markDuplicatesInFile,
  markDuplicatesOfStored,
  markReadingsBeforeLatest,
} from './staging-checks.js';

export interface ValidateOptions {
  /** The mapping to use (and save for the source); without it, the import's current one. */
  mapping?: unknown;
  /** For times written without an offset, when the mapping names no zone (UPLINK_TIME_ZONE). */
  defaultTimeZone?: string;
  onProgress?: ProgressListener;
}

const STAGING_COLUMNS = [
  'import_id',
  'line',
  'meter_id',
  'read_at',
  'value',
  'consumption',
  'replacement',
  'ref',
  'raw',
  'error_column',
  'error_reason',
] as const;

/** Checks that an import can be validated with this mapping, and marks it validating; fast. */
export async function prepareValidation(ctx: ServiceContext, id: string, options: ValidateOptions = {}): Promise<ReadingImport> {
  const current = await getImport(ctx, id);
  if (current.status === 'committed') throw new ValidationError([{ field: 'status', message: 'the import is committed; upload the file again to import it anew' }]);
  if (current.status === 'committing') throw new ValidationError([{ field: 'status', message: 'the import is being committed' }]);
  if (!current.layout) throw new ValidationError([{ field: 'file', message: current.failureReason ?? 'the file could not be read' }]);
  const given = options.mapping ?? current.mapping;
  if (given === null || given === undefined) throw new ValidationError([{ field: 'mapping', message: 'is required: say which columns hold the meter, time and value' }]);
  const mapping = prefixed('mapping', () => parseInput(importMappingSchema, given));
  assertColumnsExist(mapping, current.layout.columns);
  const resolved = resolveMapping(mapping, current.layout, options.defaultTimeZone ?? 'UTC');
  const [row] = await ctx.db
    .update(readingImports)
    .set({
      status: 'validating',
      mapping: resolved.mapping,
      processedRows: 0,
      totalRows: 0,
      validRows: 0,
      invalidRows: 0,
      duplicateRows: 0,
      failureReason: null,
      updatedAt: new Date(),
    })
    .where(eq(readingImports.id, id))
    .returning();
  if (!row) throw new Error('import disappeared');
  return toReadingImport(row);
}

/**
 * Validates the import with `options.mapping` (or its saved one). Returns the import with its
 * counts; a file that turns out unreadable half-way marks it failed and is refused as `file`.
 */
export async function validateImport(ctx: ServiceContext, id: string, options: ValidateOptions = {}): Promise<ReadingImport> {
  const prepared = await prepareValidation(ctx, id, options);
  return runValidation(ctx, prepared, options);
}

/** The long part, after prepareValidation: the portal starts it without waiting for it. */
export async function runValidation(ctx: ServiceContext, prepared: ReadingImport, options: ValidateOptions = {}): Promise<ReadingImport> {
  const id = prepared.id;
  const layout = prepared.layout!;
  const resolved = resolveMapping(prepared.mapping!, layout, options.defaultTimeZone ?? 'UTC');
  try {
    await ctx.db.delete(readingImportRows).where(eq(readingImportRows.importId, id));
    const lookup = await loadMeterLookup(ctx.db, resolved.mapping.customerColumn !== undefined);
    const mapRow = rowMapper(resolved, lookup);
    const progress = progressRecorder(ctx.db, id, 'validating', layout.estimatedRows, options.onProgress);

    const copy = await copyIn(ctx.db, 'reading_import_rows', [...STAGING_COLUMNS]);
    let rows = 0;
    try {
      for await (const sourceRow of readRows(storedChunks(ctx.db, id), layout)) {
        if (isBlankRow(sourceRow.cells)) continue;
        const r = mapRow(sourceRow);
        await copy.write([id, r.line, r.meterId, r.readAt, r.value, r.consumption, r.replacement, r.ref, r.raw, r.errorColumn, r.errorReason]);
        rows++;
        await progress.at(rows);
      }
      await copy.finish();
    } catch (error) {
      await copy.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    await progress.done(rows);
    // The table's statistics know nothing of the rows just loaded; without them the checks
    // below get plans made for an empty table (nested loops over a million rows).
    await ctx.db.execute(sql`analyze reading_import_rows`);

    const checking = progressRecorder(ctx.db, id, 'checking', rows, options.onProgress);
    await markDuplicatesInFile(ctx.db, id, resolved.mapping);
    await markDuplicatesOfStored(ctx.db, id, resolved.mapping);
    await markReadingsBeforeLatest(ctx.db, id, resolved.mapping);
    await computeRegisterConsumption(ctx.db, id, resolved.mapping, lookup, (done) => checking.at(done));

    const counts = await countStagedRows(ctx.db, id);
    await saveMapping(ctx.db, prepared.source, resolved.mapping);
    const [row] = await ctx.db
      .update(readingImports)
      .set({
        status: 'validated',
        totalRows: counts.total,
        validRows: counts.valid,
        invalidRows: counts.invalid,
        duplicateRows: counts.duplicate,
        processedRows: counts.total,
        // Not updatedAt: it keeps the time validation started, which commit compares against.
      })
      .where(eq(readingImports.id, id))
      .returning();
    if (!row) throw new Error('import disappeared');
    return toReadingImport(row);
  } catch (error) {
    const reason = error instanceof FileFormatError ? error.message : `validation failed: ${error instanceof Error ? error.message : String(error)}`;
    await ctx.db.update(readingImports).set({ status: 'failed', failureReason: reason }).where(eq(readingImports.id, id));
    if (error instanceof FileFormatError) throw new ValidationError([{ field: 'file', message: error.message }]);
    throw error;
  }
}

/** Fills in what the mapping leaves to detection, from the sample rows the upload kept. */
export function resolveMapping(mapping: ImportMapping, layout: ImportLayout, defaultTimeZone: string): ResolvedMapping {
  const sampleOf = (column: string): CellValue[] => {
    const index = layout.columns.indexOf(column);
    return layout.sample.map((row) => row.cells[index] ?? null).filter((cell) => cell !== null && cell !== '');
  };
  const dateFormat = mapping.dateFormat ?? detectDateFormat(sampleOf(mapping.timeColumn)).format;
  const decimalSeparator = mapping.decimalSeparator ?? detectDecimalSeparator(sampleOf(mapping.valueColumn));
  return {
    mapping: { ...mapping, dateFormat, decimalSeparator },
    columns: layout.columns,
    dateFormat,
    timeZone: mapping.timeZone ?? defaultTimeZone,
    decimalSeparator,
    strictCellCount: layout.format === 'csv',
  };
}

/** Field names of a nested input say where they sit: `mapping.timeColumn`. */
function prefixed<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.problems.map((problem) => ({ ...problem, field: `${prefix}.${problem.field}` })));
    }
    throw error;
  }
}
