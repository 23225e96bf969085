// Step 3 of an import: the valid staged rows become meter readings, in one transaction that
// holds the import's meters, so a process killed half-way stores nothing and the import can
// simply be committed again. Committing twice stores nothing twice: the second call answers
// with the first one's result, and a reading already stored is skipped (ON CONFLICT DO NOTHING).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isEmbedded } from '../../../db/copy.js';
import { readingImports } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, parseInput } from '../errors.js';
import { progressRecorder, type ProgressListener } from './import-progress.js';
import { getImport, toReadingImport, type ReadingImport } from './import-records.js';
import { affectedRows, queryRows } from './sql-rows.js';

export const commitModeSchema = z.enum(['all_or_nothing', 'valid_only']);
export type CommitMode = z.infer<typeof commitModeSchema>;

export interface CommitOptions {
  /** `all_or_nothing` (default) refuses while any row is invalid; `valid_only` stores the rest. */
  mode?: unknown;
  onProgress?: ProgressListener;
}

export interface CommitResult {
  accepted: number;
  duplicates: number;
  rejected: number;
}

export function commitResult(imported: ReadingImport): CommitResult {
  return { accepted: imported.acceptedRows, duplicates: imported.duplicateRows, rejected: imported.invalidRows };
}

// Rows per INSERT ... SELECT: big enough to be set-based, small enough to report progress.
const BATCH_LINES = 100_000;

/** Checks that the import can be committed in this mode and marks it committing; fast. */
export async function prepareCommit(ctx: ServiceContext, id: string, options: CommitOptions = {}): Promise<ReadingImport> {
  const mode = parseInput(commitModeSchema.default('all_or_nothing'), options.mode ?? undefined);
  const current = await getImport(ctx, id);
  if (current.status === 'committed') return current;
  if (current.status !== 'validated' && current.status !== 'committing') {
    throw new ValidationError([{ field: 'status', message: `the import is ${current.status}; validate it with a mapping before committing` }]);
  }
  if (mode === 'all_or_nothing' && current.invalidRows > 0) {
    throw new ValidationError([
      {
        field: 'mode',
        message:
          `${current.invalidRows} of ${current.totalRows} rows are invalid, so nothing was stored; fix them and upload the file again, ` +
          `or commit with mode valid_only to store the ${current.validRows} valid rows and download the rejected ones`,
      },
    ]);
  }
  const [row] = await ctx.db
    .update(readingImports)
    .set({ status: 'committing', commitMode: mode, processedRows: 0, failureReason: null })
    .where(and(eq(readingImports.id, id), inArray(readingImports.status, ['validated', 'committing'])))
    .returning();
  // Another caller committed it meanwhile: theirs is the result.
  return row ? toReadingImport(row) : getImport(ctx, id);
}

export async function commitImport(ctx: ServiceContext, id: string, options: CommitOptions = {}): Promise<ReadingImport> {
  const prepared = await prepareCommit(ctx, id, options);
  return runCommit(ctx, prepared, options);
}

/** The long part, after prepareCommit: the portal starts it without waiting for it. */
export async function runCommit(ctx: ServiceContext, prepared: ReadingImport, options: CommitOptions = {}): Promise<ReadingImport> {
  if (prepared.status === 'committed') return prepared;
  const id = prepared.id;
  try {
    return await commitInTransaction(ctx, id, options);
  } catch (error) {
    // Nothing was stored: the import is as validated, and can be committed again.
    const reason = error instanceof ValidationError ? error.problems.map((problem) => problem.message).join('; ') : (error as Error).message;
    await ctx.db
      .update(readingImports)
      .set({ status: 'validated', processedRows: 0, failureReason: `commit failed, nothing was stored: ${reason}` })
      .where(and(eq(readingImports.id, id), eq(readingImports.status, 'committing')));
    throw error;
  }
}

async function commitInTransaction(ctx: ServiceContext, id: string, options: CommitOptions): Promise<ReadingImport> {
  const embedded = isEmbedded(ctx.db);
  return ctx.db.transaction(async (tx) => {
    // One commit of an import at a time; a process that died mid-commit holds nothing any more.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('reading_import:' || ${id}))`);
    const [current] = await tx.select().from(readingImports).where(eq(readingImports.id, id));
    if (!current) throw new Error('import disappeared');
    if (current.status === 'committed') return toReadingImport(current);

    // Readings of these meters wait until this commit is done, so a register's consumption,
    // computed against its latest reading at validation, stays right.
    const locked = await queryRows<{ id: string; kind: string }>(
      tx,
      sql`select id, kind from meters where id in (
            select distinct meter_id from reading_import_rows where import_id = ${id} and error_reason is null and not duplicate)
          order by id for update`,
    );
    const registers = locked.filter((meter) => meter.kind === 'cumulative').map((meter) => meter.id);
    if (registers.length > 0) await refuseIfReadingsArrivedSince(tx, id, registers, current.updatedAt);

    const [span] = await queryRows<{ first: number | null; last: number | null }>(
      tx,
      sql`select min(line) as first, max(line) as last from reading_import_rows where import_id = ${id}`,
    );
    const valid = current.validRows;
    // The embedded database has one connection, held by this transaction: progress goes through it.
    const progress = progressRecorder(embedded ? tx : ctx.db, id, 'committing', valid, options.onProgress);
    let accepted = 0;
    for (let from = Number(span?.first ?? 1) - 1, last = Number(span?.last ?? 0); from < last; from += BATCH_LINES) {
      accepted += await affectedRows(
        tx,
        sql`insert into meter_readings (meter_id, read_at, value, consumption, replacement, ref, source, import_id)
            select meter_id, read_at, value, consumption, replacement, ref, 'import', import_id
            from reading_import_rows
            where import_id = ${id} and line > ${from} and line <= ${from + BATCH_LINES}
              and error_reason is null and not duplicate
            on conflict (meter_id, read_at) do nothing`,
      );
      await progress.done(accepted);
    }

    const [row] = await tx
      .update(readingImports)
      .set({
        status: 'committed',
        acceptedRows: accepted,
        // A reading stored by someone else between validation and now is a duplicate too.
        duplicateRows: current.duplicateRows + (valid - accepted),
        processedRows: valid,
        committedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(readingImports.id, id))
      .returning();
    if (!row) throw new Error('import disappeared');
    return toReadingImport(row);
  });
}

/**
 * A register reading stored since validation began would change the differences computed then:
 * refuse, and have the file validated again (which measures against the new reading).
 */
async function refuseIfReadingsArrivedSince(
  tx: Parameters<Parameters<ServiceContext['db']['transaction']>[0]>[0],
  id: string,
  registers: string[],
  validationStarted: Date,
): Promise<void> {
  const arrived = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from meter_readings
        where meter_id = any(${`{${registers.join(',')}}`}::uuid[])
          and created_at >= ${validationStarted.toISOString()}::timestamptz and import_id is distinct from ${id}::uuid`,
  );
  const count = Number(arrived[0]?.n ?? 0);
  if (count > 0) {
    throw new ValidationError([
      {
        field: 'status',
        message: `${count} readings of this file's cumulative meters were stored after it was validated; validate it again before committing`,
      },
    ]);
  }
}
