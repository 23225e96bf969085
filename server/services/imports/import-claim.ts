// Who may run a long step (validation, commit) of an import, across processes. A step starts by
// claiming the import: one conditional UPDATE moves it from the statuses the step may start from
// into the step's own status, and stamps updated_at; a caller that finds no row is refused. The
// step then runs under the import's advisory lock and, once it holds the lock, checks that its
// claim (the stamp) is still the newest, so two steps of one import never run at once and a step
// never works on rows another one has replaced.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { isEmbedded, reserveSession, type ReservedSession } from '../../../db/copy.js';
import { readingImports, type ImportKind } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ValidationError } from '../errors.js';
import { getImportOfKind, isBusy, toReadingImport, type ImportStatus, type ReadingImport } from './import-records.js';
import { queryRows, type Queryable } from './sql-rows.js';

type ImportRow = typeof readingImports.$inferSelect;

/** The key of an import's advisory lock, the same for validation and commit. */
export const importLockKey = (id: string) => sql`hashtext('reading_import:' || ${id})`;

const STALE_CLAIM = '1 minute';

/**
 * Imports with a step running in this process. The embedded database (PGlite) has one session,
 * which may take an advisory lock it already holds, so there the lock cannot tell a running step
 * from a dead one; only this process can open that database, so this set can.
 */
const runningHere = new Set<string>();

/** Runs a step of the import, known to this process as running until it ends. */
export async function runningStep<T>(id: string, work: () => Promise<T>): Promise<T> {
  runningHere.add(id);
  try {
    return await work();
  } finally {
    runningHere.delete(id);
  }
}

/** True when no step of the import runs anywhere; on PostgreSQL, held until `tx` ends. */
async function noStepRuns(ctx: ServiceContext, tx: Queryable, id: string): Promise<boolean> {
  if (isEmbedded(ctx.db)) return !runningHere.has(id);
  const [free] = await queryRows<{ free: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${importLockKey(id)}) as free`);
  return free?.free ?? false;
}

export class ImportBusyError extends ValidationError {
  constructor(message: string) {
    super([{ field: 'status', message }]);
  }
}

/**
 * Moves the import from one of `from` into `to` (with `changes`), atomically. A step cut off by a
 * dead process leaves the import in `to`: it may be claimed again from there once nobody holds
 * the import's lock (no step of it runs) and the claim is older than STALE_CLAIM, which no live
 * request spends between its claim and taking the lock. Null when the import is in another
 * status (the caller says why).
 */
export async function claimImport(
  ctx: ServiceContext,
  id: string,
  from: ImportStatus[],
  to: ImportStatus,
  changes: Partial<ImportRow> = {},
  kind: ImportKind = 'readings',
): Promise<ReadingImport | null> {
  await getImportOfKind(ctx, id, kind);
  return ctx.db.transaction(async (tx) => {
    const free = await noStepRuns(ctx, tx, id);
    const abandoned = and(eq(readingImports.status, to), sql`${readingImports.updatedAt} < clock_timestamp() - ${STALE_CLAIM}::interval`);
    const [row] = await tx
      .update(readingImports)
      // The database's clock, to the millisecond: the stamp compares exactly once read back.
      .set({ ...changes, status: to, updatedAt: sql`date_trunc('milliseconds', clock_timestamp())` })
      .where(and(eq(readingImports.id, id), free ? or(inArray(readingImports.status, from), abandoned) : inArray(readingImports.status, from)))
      .returning();
    return row ? toReadingImport(row) : null;
  });
}

/** Waits for the import's lock (until the transaction on `db` ends), then checks that `claimed` is still the claim in force. */
export async function lockClaim(db: Queryable, claimed: ReadingImport): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${importLockKey(claimed.id)})`);
  await checkClaim(db, claimed);
}

async function checkClaim(db: Queryable, claimed: ReadingImport): Promise<void> {
  const [row] = await queryRows<{ status: ImportStatus; stamp: number | string }>(
    db,
    sql`select status, round(extract(epoch from updated_at) * 1000)::float8 as stamp from reading_imports where id = ${claimed.id}`,
  );
  if (!row) throw new Error('import disappeared');
  if (row.status !== claimed.status || Number(row.stamp) !== claimed.updatedAt.getTime()) {
    throw new ImportBusyError(`another request ${row.status === 'committed' ? 'committed' : `took over (the import is ${row.status})`} meanwhile`);
  }
}

/**
 * Runs `work` while holding the import's advisory lock, after checking the claim. The lock is a
 * session lock on a reserved connection that `work` gets for its COPY, so the step needs no more
 * connections than it did without the lock (the CLI runs on two). A process that dies drops its
 * connection, and with it the lock.
 */
export async function withClaimLock<T>(ctx: ServiceContext, claimed: ReadingImport, work: (session: ReservedSession) => Promise<T>): Promise<T> {
  const session = await reserveSession(ctx.db);
  try {
    await session.execute(`select pg_advisory_lock(hashtext('reading_import:' || $1))`, [claimed.id]);
    try {
      await checkClaim(ctx.db, claimed);
      return await runningStep(claimed.id, () => work(session));
    } finally {
      // The step's outcome is what the caller needs, not a failed unlock: an unlock fails only on
      // a broken connection, and a broken connection holds no lock.
      await session.execute(`select pg_advisory_unlock(hashtext('reading_import:' || $1))`, [claimed.id]).catch(() => {});
    }
  } finally {
    await session.release();
  }
}

/** Only the import in the status `claimed` has and with its stamp: a newer claim is not undone. */
export const stillClaimed = (claimed: ReadingImport) =>
  and(eq(readingImports.id, claimed.id), eq(readingImports.status, claimed.status), eq(readingImports.updatedAt, claimed.updatedAt));

/**
 * A step cut off by the end of the process running it: the import still says validating or
 * committing, but nobody holds its lock and the claim is older than STALE_CLAIM. Nothing of it
 * was kept (a commit is one transaction; validating again replaces the staging rows), and it
 * can be started again.
 */
export async function isStalled(ctx: ServiceContext, imported: Pick<ReadingImport, 'id' | 'status'>): Promise<boolean> {
  if (!isBusy(imported.status)) return false;
  return ctx.db.transaction(async (tx) => {
    const [row] = await queryRows<{ old: boolean }>(
      tx,
      sql`select updated_at < clock_timestamp() - ${STALE_CLAIM}::interval as old from reading_imports where id = ${imported.id}`,
    );
    return (row?.old ?? false) && (await noStepRuns(ctx, tx, imported.id));
  });
}
