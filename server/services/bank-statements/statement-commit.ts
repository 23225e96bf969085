// Step 3 of a bank statement import: each transfer in becomes a payment (db/records/payments.ts
// recordPayment, method bank_transfer, keyed by the row's source key), matched ones paying their
// customer's invoices, unmatched ones waiting in unallocated receipts for staff.
//
// One transaction per transfer, which also marks the staged row with its payment: recording a
// payment locks the customer and then the payment number series until commit, so two payments in
// one transaction could deadlock with anyone recording a payment meanwhile. A commit cut off
// half-way keeps what it recorded, and committing again goes on from there; a transfer recorded
// meanwhile by someone else (an overlapping statement committed at the same time) is found by its
// source key and counted as a duplicate, never recorded twice.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { money } from '../../../billing/money.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { recordPayment } from '../../../db/records/payments.js';
import { bankStatementRows, readingImports } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, parseInput } from '../errors.js';
import { commitModeSchema } from '../imports/import-commit.js';
import { ImportBusyError, claimImport, stillClaimed, withClaimLock } from '../imports/import-claim.js';
import { progressRecorder, type ProgressListener } from '../imports/import-progress.js';
import { getImportOfKind, toReadingImport, type ReadingImport } from '../imports/import-records.js';
import { countStatementRows } from './statement-validate.js';

export interface StatementCommitOptions {
  /** `all_or_nothing` (default) refuses while any row is invalid; `valid_only` records the rest. */
  mode?: unknown;
  /** Kept on every payment: `staff:<email>`, `api-key:<prefix>`, `cli`. */
  recordedBy?: string;
  onProgress?: ProgressListener;
}

// Rows read per query; each is still recorded in its own transaction.
const PAGE_ROWS = 200;
// Progress is written this often: statements are short, but a row takes a transaction.
const PROGRESS_ROWS = 50;
// A transfer recorded by a concurrent commit at the same moment fails our insert once; the retry finds it.
const ATTEMPTS = 3;

/**
 * Checks that the statement can be committed in this mode and claims it (committing); fast. A
 * committed statement answers with its stored result; one whose commit stopped half-way (failed,
 * or its process ended) is committed again from where it stopped.
 */
export async function prepareStatementCommit(ctx: ServiceContext, id: string, options: StatementCommitOptions = {}): Promise<ReadingImport> {
  const mode = parseInput(commitModeSchema.default('all_or_nothing'), options.mode ?? undefined);
  const current = await getImportOfKind(ctx, id, 'bank_statement');
  if (current.status === 'committed') return current;
  if (current.status !== 'validated' && current.status !== 'committing') {
    throw new ImportBusyError(
      current.status === 'validating'
        ? 'the statement is being validated; commit it once it is validated'
        : `the statement is ${current.status}; validate it with a mapping before committing`,
    );
  }
  if (mode === 'all_or_nothing' && current.invalidRows > 0) {
    throw new ValidationError([
      {
        field: 'mode',
        message:
          `${current.invalidRows} of ${current.totalRows} rows are invalid, so nothing was recorded; fix them and upload the statement again, ` +
          `or commit with mode valid_only to record the ${current.validRows} valid transfers`,
      },
    ]);
  }
  const claimed = await claimImport(ctx, id, ['validated'], 'committing', { commitMode: mode, failureReason: null }, 'bank_statement');
  if (claimed) return claimed;
  const now = await getImportOfKind(ctx, id, 'bank_statement');
  if (now.status === 'committed') return now;
  throw new ImportBusyError(
    now.status === 'committing'
      ? 'the statement is being committed by another request; wait for it to finish'
      : `the statement is ${now.status} meanwhile; commit it once it is validated`,
  );
}

export async function commitStatement(ctx: ServiceContext, id: string, options: StatementCommitOptions = {}): Promise<ReadingImport> {
  const prepared = await prepareStatementCommit(ctx, id, options);
  return runStatementCommit(ctx, prepared, options);
}

/** The long part, after prepareStatementCommit: the portal starts it without waiting for it. */
export async function runStatementCommit(ctx: ServiceContext, prepared: ReadingImport, options: StatementCommitOptions = {}): Promise<ReadingImport> {
  if (prepared.status === 'committed') return prepared;
  try {
    return await withClaimLock(ctx, prepared, () => recordTransfers(ctx, prepared, options));
  } catch (error) {
    if (error instanceof ImportBusyError) throw error;
    // What was recorded stays recorded (each with its row marked): committing again goes on from there.
    const counts = await countStatementRows(ctx, prepared.id);
    const reason = error instanceof Error ? error.message : String(error);
    await ctx.db
      .update(readingImports)
      .set({
        status: 'validated',
        acceptedRows: counts.recorded,
        processedRows: counts.recorded,
        failureReason:
          `the commit stopped after recording ${counts.recorded} of ${prepared.validRows} transfers: ${reason}; ` +
          'commit again to record the rest (none is recorded twice)',
        updatedAt: new Date(),
      })
      .where(stillClaimed(prepared));
    throw error;
  }
}

async function recordTransfers(ctx: ServiceContext, prepared: ReadingImport, options: StatementCommitOptions): Promise<ReadingImport> {
  const id = prepared.id;
  const recordedBy = options.recordedBy ?? 'bank statement import';
  const progress = progressRecorder(ctx.db, id, 'committing', prepared.validRows, options.onProgress);
  // A commit that stopped before went as far as the rows it marked.
  let done = (await countStatementRows(ctx, id)).recorded;
  await progress.done(done);
  for (let after = 0; ; ) {
    const page = await ctx.db
      .select()
      .from(bankStatementRows)
      .where(
        and(
          eq(bankStatementRows.importId, id),
          isNull(bankStatementRows.errorReason),
          isNull(bankStatementRows.skip),
          isNull(bankStatementRows.paymentId),
          gt(bankStatementRows.line, after),
        ),
      )
      .orderBy(asc(bankStatementRows.line))
      .limit(PAGE_ROWS);
    for (const row of page) {
      await recordTransfer(ctx, row, recordedBy);
      done++;
      if (done % PROGRESS_ROWS === 0) await progress.done(done);
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE_ROWS) break;
    after = last.line;
  }

  // Transfers someone else recorded meanwhile moved from the ones to record to the duplicates.
  const counts = await countStatementRows(ctx, id);
  await progress.done(counts.recorded);
  const [row] = await ctx.db
    .update(readingImports)
    .set({ status: 'committed', acceptedRows: counts.recorded, validRows: counts.toRecord, duplicateRows: counts.duplicate, committedAt: new Date(), updatedAt: new Date() })
    .where(stillClaimed(prepared))
    .returning();
  if (!row) throw new ImportBusyError('another request took the statement over meanwhile');
  return toReadingImport(row);
}

type StagedRow = typeof bankStatementRows.$inferSelect;

/** One transfer as one payment, and its row marked with it, in one transaction. */
async function recordTransfer(ctx: ServiceContext, row: StagedRow, recordedBy: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.db.transaction(async (tx) => {
        const recorded = await recordPayment(tx, {
          sourceKey: row.sourceKey!,
          customerId: row.customerId,
          method: 'bank_transfer',
          amount: money(row.amountMinor!, row.currency!),
          receivedOn: row.bookedOn!,
          reference: row.reference || null,
          invoiceId: row.invoiceId,
          needsReview: row.review,
          recordedBy,
        });
        const marked = recorded.alreadyRecorded
          ? { skip: 'duplicate' as const, skipReason: `already recorded as ${recorded.number}` }
          : { paymentId: recorded.paymentId };
        await tx
          .update(bankStatementRows)
          .set(marked)
          .where(and(eq(bankStatementRows.importId, row.importId), eq(bankStatementRows.line, row.line)));
      });
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(error, 'payments_source_key_unique')) throw error;
    }
  }
}
