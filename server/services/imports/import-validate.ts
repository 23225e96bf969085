// Step 2 of an import: every row of the stored file through the mapping into the staging table
// (COPY), with the checks a meter's rows in time order allow on the way (stream-checks.ts), then
// the checks that need all rows (set-based SQL) for the meters that need them, then the counts. Nothing reaches
// meter_readings here; validating again starts from an empty staging table, so a run cut off
// half-way leaves nothing that counts.
import { eq, sql } from 'drizzle-orm';
import { copyInBlocks, copyText, type ReservedSession } from '../../../db/copy.js';
import { readingImportRows, readingImports } from '../../../db/schema.js';
import { detectDateFormat } from '../../imports/dates.js';
import { FileFormatError, type CellValue } from '../../imports/file-layout.js';
import { detectDecimalSeparator } from '../../imports/numbers.js';
import { readRowBatches } from '../../imports/row-source.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, parseInput } from '../errors.js';
import { storedChunks } from './import-chunks.js';
import { ImportBusyError, claimImport, stillClaimed, withClaimLock } from './import-claim.js';
import { assertColumnsExist, importMappingSchema, type ImportMapping } from './import-mapping.js';
import { progressRecorder, type ProgressListener } from './import-progress.js';
import { getImport, toReadingImport, type ImportLayout, type ReadingImport } from './import-records.js';
import { loadMeterLookup } from './meter-lookup.js';
import { isBlankRow, rowMapper, type ResolvedMapping, type StagedRow } from './row-mapping.js';
import { saveMapping } from './saved-mappings.js';
import {
  computeRegisterConsumption,
  countStagedRows,
  markDuplicatesInFile,
  markDuplicatesOfStored,
  markReadingsBeforeLatest,
  metersWithStoredReadingsIn,
} from './staging-checks.js';
import { StreamChecks } from './stream-checks.js';

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

// Rows mapped, checked and written per step: one wait for the database per batch, not per row.
const BATCH_ROWS = 1_000;
// About 50,000 rows per COPY statement: the staging table's foreign key is checked at the end of
// each, while the next block is mapped.
const COPY_BLOCK_BYTES = 10 << 20;

/**
 * Checks that an import can be validated with this mapping, and claims it (validating); fast. An
 * import being validated or committed by another request is refused, never validated under it.
 */
export async function prepareValidation(ctx: ServiceContext, id: string, options: ValidateOptions = {}): Promise<ReadingImport> {
  const current = await getImport(ctx, id);
  if (current.status === 'committed') throw new ValidationError([{ field: 'status', message: 'the import is committed; upload the file again to import it anew' }]);
  if (!current.layout) throw new ValidationError([{ field: 'file', message: current.failureReason ?? 'the file could not be read' }]);
  const given = options.mapping ?? current.mapping;
  if (given === null || given === undefined) throw new ValidationError([{ field: 'mapping', message: 'is required: say which columns hold the meter, time and value' }]);
  const mapping = prefixed('mapping', () => parseInput(importMappingSchema, given));
  assertColumnsExist(mapping, current.layout.columns);
  const resolved = resolveMapping(mapping, current.layout, options.defaultTimeZone ?? 'UTC');
  const claimed = await claimImport(ctx, id, ['uploaded', 'validated', 'failed'], 'validating', {
    mapping: resolved.mapping,
    processedRows: 0,
    totalRows: 0,
    validRows: 0,
    invalidRows: 0,
    duplicateRows: 0,
    failureReason: null,
  });
  if (claimed) return claimed;
  const now = await getImport(ctx, id);
  throw new ImportBusyError(
    now.status === 'committed'
      ? 'the import is committed; upload the file again to import it anew'
      : `the import is ${now.status === 'committing' ? 'being committed' : 'being validated'} by another request; wait for it to finish`,
  );
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
  try {
    return await withClaimLock(ctx, prepared, (session) => validateRows(ctx, session, prepared, options));
  } catch (error) {
    if (error instanceof ImportBusyError) throw error;
    const reason = error instanceof FileFormatError ? error.message : `validation failed: ${error instanceof Error ? error.message : String(error)}`;
    await ctx.db.update(readingImports).set({ status: 'failed', failureReason: reason }).where(stillClaimed(prepared));
    if (error instanceof FileFormatError) throw new ValidationError([{ field: 'file', message: error.message }]);
    throw error;
  }
}

async function validateRows(ctx: ServiceContext, session: ReservedSession, prepared: ReadingImport, options: ValidateOptions): Promise<ReadingImport> {
  const id = prepared.id;
  const layout = prepared.layout!;
  const resolved = resolveMapping(prepared.mapping!, layout, options.defaultTimeZone ?? 'UTC');
  const mapping = resolved.mapping;
  await ctx.db.delete(readingImportRows).where(eq(readingImportRows.importId, id));
  const lookup = await loadMeterLookup(ctx.db, mapping.customerColumn !== undefined);
  const mapRow = rowMapper(resolved, lookup);
  const checks = new StreamChecks(lookup);
  const progress = progressRecorder(ctx.db, id, 'validating', layout.estimatedRows, options.onProgress);

  const copy = copyInBlocks(() => session.copyIn('reading_import_rows', [...STAGING_COLUMNS]), COPY_BLOCK_BYTES);
  let rows = 0;
  let invalid = 0;
  try {
    for await (const sourceRows of readRowBatches(storedChunks(ctx.db, id), layout, BATCH_ROWS)) {
      const staged: StagedRow[] = [];
      for (const sourceRow of sourceRows) if (!isBlankRow(sourceRow.cells)) staged.push(mapRow(sourceRow));
      await checks.loadBaselines(ctx.db, staged);
      let lines = '';
      for (const r of staged) {
        checks.apply(r);
        if (r.errorReason !== null) invalid++;
        lines += stagingLine(id, r);
      }
      await copy.writeLines(lines);
      rows += staged.length;
      await progress.at(rows);
    }
    await copy.finish();
  } catch (error) {
    await copy.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  await progress.done(rows);

  // Only the meters the stream could not settle go through the set-based checks.
  const unordered = checks.unorderedMeters();
  const registers = checks.registersToOrder();
  const storedNearby = await metersWithStoredReadingsIn(ctx.db, checks.deltaSpans());
  const checked = unordered.length + registers.length + storedNearby.length > 0;
  // The table's statistics know nothing of the rows just loaded; without them the checks below
  // and the commit get plans made for an empty table (nested loops, sorts on disk).
  await ctx.db.execute(sql`analyze reading_import_rows`);
  if (checked) {
    const checking = progressRecorder(ctx.db, id, 'checking', rows, options.onProgress);
    await markDuplicatesInFile(ctx.db, id, mapping, unordered);
    await markDuplicatesOfStored(ctx.db, id, mapping, [...new Set([...storedNearby, ...registers])]);
    await markReadingsBeforeLatest(ctx.db, id, mapping, registers);
    await computeRegisterConsumption(ctx.db, id, mapping, lookup, registers, (done) => checking.at(done));
  }
  const counts = checked ? await countStagedRows(ctx.db, id) : { total: rows, valid: rows - invalid, invalid, duplicate: 0 };

  await saveMapping(ctx.db, prepared.source, mapping);
  const [row] = await ctx.db
    .update(readingImports)
    .set({
      status: 'validated',
      totalRows: counts.total,
      validRows: counts.valid,
      invalidRows: counts.invalid,
      duplicateRows: counts.duplicate,
      processedRows: counts.total,
      updatedAt: new Date(),
    })
    .where(stillClaimed(prepared))
    .returning();
  if (!row) throw new ImportBusyError('another request took the import over meanwhile');
  return toReadingImport(row);
}

/**
 * A staged row in COPY's text format, in STAGING_COLUMNS order. Ids, times and numbers never hold
 * a tab, line break or backslash: only the texts need escaping.
 */
function stagingLine(importId: string, r: StagedRow): string {
  const nullable = (value: string | null) => value ?? '\\N';
  return (
    `${importId}\t${r.line}\t${nullable(r.meterId)}\t${nullable(r.readAt)}\t${nullable(r.value)}\t${nullable(r.consumption)}\t${r.replacement}\t` +
    `${copyText(r.ref)}\t${copyText(r.raw)}\t${copyText(r.errorColumn)}\t${copyText(r.errorReason)}\n`
  );
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
