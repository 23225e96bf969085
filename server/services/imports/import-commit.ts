// Step 3 of an import: the valid staged rows become meter readings, in one transaction that
// holds the import's meters, so a process killed half-way stores nothing and the import can
// simply be committed again. Committing twice stores nothing twice: the second call answers
// with the first one's result. Under the meters' locks the commit checks what validation
// assumed: each register's latest reading is still the one its first row was measured against,
// and no reading was stored at the file's meters and times since (the unique index tells).
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoDateFromEpochMs } from '../../../billing/calendar.js';
import { readingConsumption } from '../../../billing/rating/meter-consumption.js';
import { BillingDecimal } from '../../../billing/rounding.js';
import { isEmbedded } from '../../../db/copy.js';
import { readingImports } from '../../../db/schema.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { ServiceContext } from '../context.js';
import { consumptionBoundProblem, loadMeterPricing } from '../readings/consumption-bound.js';
import { ValidationError, parseInput } from '../errors.js';
import { ImportBusyError, claimImport, lockClaim, runningStep, stillClaimed } from './import-claim.js';
import type { ImportMapping } from './import-mapping.js';
import { progressRecorder, type ProgressListener, type ProgressRecorder } from './import-progress.js';
import { getImport, toReadingImport, type ReadingImport } from './import-records.js';
import { affectedRows, queryRows } from './sql-rows.js';
import { countStagedRows } from './staging-checks.js';

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
// Lines named in a refusal; the rest are counted.
const NAMED_LINES = 10;

/**
 * Checks that the import can be committed in this mode and claims it (committing); fast. Only a
 * validated import is committed (or one whose commit was cut off, when no commit of it runs);
 * a committed one answers with its stored result.
 */
export async function prepareCommit(ctx: ServiceContext, id: string, options: CommitOptions = {}): Promise<ReadingImport> {
  const mode = parseInput(commitModeSchema.default('all_or_nothing'), options.mode ?? undefined);
  const current = await getImport(ctx, id);
  if (current.status === 'committed') return current;
  if (current.status !== 'validated' && current.status !== 'committing') {
    throw new ImportBusyError(
      current.status === 'validating' ? 'the import is being validated; commit it once it is validated' : `the import is ${current.status}; validate it with a mapping before committing`,
    );
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
  const claimed = await claimImport(ctx, id, ['validated'], 'committing', { commitMode: mode, processedRows: 0, failureReason: null });
  if (claimed) return claimed;
  const now = await getImport(ctx, id);
  if (now.status === 'committed') return now;
  throw new ImportBusyError(
    now.status === 'committing' ? 'the import is being committed by another request; wait for it to finish' : `the import is ${now.status} meanwhile; commit it once it is validated`,
  );
}

export async function commitImport(ctx: ServiceContext, id: string, options: CommitOptions = {}): Promise<ReadingImport> {
  const prepared = await prepareCommit(ctx, id, options);
  return runCommit(ctx, prepared, options);
}

/** The long part, after prepareCommit: the portal starts it without waiting for it. */
export async function runCommit(ctx: ServiceContext, prepared: ReadingImport, options: CommitOptions = {}): Promise<ReadingImport> {
  if (prepared.status === 'committed') return prepared;
  try {
    return await runningStep(prepared.id, () => commitInTransaction(ctx, prepared, options));
  } catch (error) {
    if (error instanceof ImportBusyError) throw error;
    // Nothing was stored: the import is as validated, and can be committed again.
    const reason = error instanceof ValidationError ? error.problems.map((problem) => problem.message).join('; ') : (error as Error).message;
    await ctx.db
      .update(readingImports)
      .set({ status: 'validated', processedRows: 0, failureReason: `commit failed, nothing was stored: ${reason}`, updatedAt: new Date() })
      .where(stillClaimed(prepared));
    throw error;
  }
}

async function commitInTransaction(ctx: ServiceContext, prepared: ReadingImport, options: CommitOptions): Promise<ReadingImport> {
  const id = prepared.id;
  const mode: CommitMode = prepared.commitMode ?? 'all_or_nothing';
  const embedded = isEmbedded(ctx.db);
  return ctx.db.transaction(async (tx) => {
    // One step of an import at a time; a process that died mid-commit holds nothing any more.
    await lockClaim(tx, prepared);
    const [current] = await tx.select().from(readingImports).where(eq(readingImports.id, id));
    if (!current) throw new Error('import disappeared');
    const valueColumn = (current.mapping as ImportMapping | null)?.valueColumn ?? 'value';

    // Readings of these meters wait until this commit is done (recording readings locks them
    // too), so what is checked below stays true until the rows are stored.
    const meters = await queryRows<LockedMeter>(
      tx,
      sql`select meters.id, meters.kind, meters.register_max::text as register_max, (s.first)[2]::int as first_line
          from (select meter_id, min(array[extract(epoch from read_at)::numeric, line::numeric]) as first
                from reading_import_rows where import_id = ${id} and error_reason is null and not duplicate
                group by meter_id) s
          join meters on meters.id = s.meter_id
          order by meters.id
          for update of meters`,
    );
    await refuseIfRegistersMoved(tx, id, meters.filter((meter) => meter.kind === 'cumulative'));

    // The embedded database has one connection, held by this transaction: progress goes through it.
    const progress = progressRecorder(embedded ? tx : ctx.db, id, 'committing', current.validRows, options.onProgress);
    let accepted: number;
    let settled = false;
    try {
      // The usual case: nothing of the file was stored since validation, the unique index says so.
      accepted = await tx.transaction((savepoint) => insertValidRows(savepoint, id, progress));
    } catch (error) {
      if (!isUniqueViolation(error, 'meter_readings_meter_time')) throw error;
      await settleReadingsStoredSince(tx, id, mode, valueColumn);
      settled = true;
      accepted = await insertValidRows(tx, id, progress);
    }
    await refuseUnbillableConsumption(tx, meters.map((meter) => meter.id));
    const counts = settled ? await countStagedRows(tx, id) : null;

    const [row] = await tx
      .update(readingImports)
      .set({
        status: 'committed',
        acceptedRows: accepted,
        ...(counts ? { validRows: counts.valid, invalidRows: counts.invalid, duplicateRows: counts.duplicate } : {}),
        processedRows: accepted,
        committedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(readingImports.id, id))
      .returning();
    if (!row) throw new Error('import disappeared');
    return toReadingImport(row);
  });
}

interface LockedMeter {
  id: string;
  kind: 'cumulative' | 'delta';
  register_max: string | null;
  /** The line of the meter's earliest valid row. */
  first_line: number;
}

async function insertValidRows(tx: Transaction, id: string, progress: ProgressRecorder): Promise<number> {
  const [span] = await queryRows<{ first: number | null; last: number | null }>(
    tx,
    sql`select min(line) as first, max(line) as last from reading_import_rows where import_id = ${id}`,
  );
  let accepted = 0;
  for (let from = Number(span?.first ?? 1) - 1, last = Number(span?.last ?? 0); from < last; from += BATCH_LINES) {
    accepted += await affectedRows(
      tx,
      sql`insert into meter_readings (meter_id, read_at, value, consumption, replacement, ref, source, import_id)
          select meter_id, read_at, value, consumption, replacement, ref, 'import', import_id
          from reading_import_rows
          where import_id = ${id} and line > ${from} and line <= ${from + BATCH_LINES}
            and error_reason is null and not duplicate`,
    );
    await progress.done(accepted);
  }
  return accepted;
}

/**
 * A register's first row was measured against its latest stored reading at validation. If
 * another reading was stored since (an API call that began before validation and ended after
 * it, say), that row would count consumption again: refuse, and have the file validated again.
 * A later reading that leaves the first row's consumption exactly as computed changes nothing.
 */
async function refuseIfRegistersMoved(tx: Transaction, id: string, registers: LockedMeter[]): Promise<void> {
  if (registers.length === 0) return;
  const rules = new Map(registers.map((meter) => [meter.id, { kind: meter.kind, registerMax: meter.register_max }]));
  const rows = await queryRows<{
    line: number;
    meter_id: string;
    value: string;
    consumption: string;
    replacement: boolean;
    latest_at: string | null;
    latest_value: string | null;
    latest_not_before: boolean | null;
  }>(
    tx,
    sql`select r.line, r.meter_id, r.value::text as value, r.consumption::text as consumption, r.replacement,
          to_char(l.read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as latest_at, l.value::text as latest_value,
          l.read_at >= r.read_at as latest_not_before
        from reading_import_rows r
        left join lateral (select read_at, value from meter_readings m where m.meter_id = r.meter_id order by read_at desc limit 1) l on true
        where r.import_id = ${id} and r.line = any(${`{${registers.map((meter) => meter.first_line).join(',')}}`}::int[])`,
  );
  const moved = rows.filter((row) => {
    if (row.latest_not_before) return true;
    const previous = row.latest_at === null || row.latest_value === null ? null : { readAt: row.latest_at, value: row.latest_value };
    const now = readingConsumption(rules.get(row.meter_id)!, previous, { value: row.value, replacement: row.replacement });
    return !now.ok || !new BillingDecimal(now.consumption).equals(row.consumption);
  });
  if (moved.length === 0) return;
  const lines = moved.map((row) => row.line).sort((a, b) => a - b);
  throw new ValidationError([
    {
      field: 'status',
      message:
        `readings of ${moved.length} of this file's cumulative meters were stored after it was validated, so the consumption ` +
        `computed for line ${namedLines(lines)} is no longer right; validate the file again before committing`,
    },
  ]);
}

/**
 * Someone stored readings at the file's meters and times after validation. The same value is a
 * duplicate; another value is a conflict: it refuses an all-or-nothing commit, naming the lines,
 * and is rejected (listed with the invalid rows) when committing valid rows only.
 */
async function settleReadingsStoredSince(tx: Transaction, id: string, mode: CommitMode, valueColumn: string): Promise<void> {
  const settled = await queryRows<{ line: number; same: boolean }>(
    tx,
    sql`update reading_import_rows r set
          duplicate = (m.value = r.value),
          error_column = case when m.value <> r.value then ${valueColumn} end,
          error_reason = case when m.value <> r.value
            then 'a reading of ' || m.value || ' was stored for this meter at this time after the file was validated' end
        from meter_readings m
        where r.import_id = ${id} and r.error_reason is null and not r.duplicate
          and m.meter_id = r.meter_id and m.read_at = r.read_at
        returning r.line, (m.value = r.value) as same`,
  );
  const conflicts = settled.filter((row) => !row.same).map((row) => row.line).sort((a, b) => a - b);
  if (conflicts.length > 0 && mode === 'all_or_nothing') {
    throw new ValidationError([
      {
        field: 'file',
        message:
          `line ${namedLines(conflicts)}: another value was stored for the same meter and time after the file was validated, ` +
          'so nothing was stored; validate the file again to see the rows, or commit with mode valid_only to reject them',
      },
    ]);
  }
}

/**
 * The file's readings, now stored in this transaction, must be billable as readings recorded one
 * by one must (consumption-bound.ts): a meter whose unbilled consumption no invoice line could
 * hold refuses the whole commit, and nothing is stored.
 */
async function refuseUnbillableConsumption(tx: Transaction, meterIds: string[]): Promise<void> {
  const pricing = await loadMeterPricing(tx, meterIds, isoDateFromEpochMs(Date.now()));
  const problems = [...pricing.values()].flatMap((meter) => consumptionBoundProblem(meter, '0') ?? []);
  if (problems.length === 0) return;
  throw new ValidationError([{ field: 'file', message: `the file's readings ${problems[0]!.replace(/^would bring/, 'bring')}; nothing was stored` }]);
}

function namedLines(lines: number[]): string {
  const named = lines.slice(0, NAMED_LINES).join(', ');
  return lines.length > NAMED_LINES ? `${named} and ${lines.length - NAMED_LINES} more` : named;
}
