// Step 2 of a bank statement import: every row of the stored file through the mapping, matched to
// a customer (and invoice) by its reference, given the source key that makes it one payment, and
// staged; then the rows already recorded (by an earlier statement that overlaps this one) are
// marked as duplicates. Nothing is recorded as a payment here: the preview shows what the commit
// will do. Validating again starts from an empty staging table.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { bankReviewNote, matchBankTransfer, type BankMatch } from '../../../billing/payments/bank-matching.js';
import { bankSourceKey, identicalTransferKey } from '../../../billing/payments/bank-transfers.js';
import { money } from '../../../billing/money.js';
import { bankStatementRows, readingImports } from '../../../db/schema.js';
import { detectDateFormat } from '../../imports/dates.js';
import { FileFormatError, type CellValue } from '../../imports/file-layout.js';
import { detectDecimalSeparator } from '../../imports/numbers.js';
import { readRowBatches } from '../../imports/row-source.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, parseInput } from '../errors.js';
import { storedChunks } from '../imports/import-chunks.js';
import { ImportBusyError, claimImport, stillClaimed, withClaimLock } from '../imports/import-claim.js';
import { progressRecorder, type ProgressListener } from '../imports/import-progress.js';
import { getImportOfKind, toReadingImport, type ImportLayout, type ReadingImport } from '../imports/import-records.js';
import { isBlankRow } from '../imports/row-mapping.js';
import { saveMappingOf } from '../imports/saved-mappings.js';
import { queryRows } from '../imports/sql-rows.js';
import { assertStatementColumnsExist, bankStatementMappingSchema, type BankStatementMapping } from './statement-mapping.js';
import { loadMatchLookup } from './statement-matching.js';
import { statementRowMapper, type MappedTransfer, type ResolvedStatementMapping } from './statement-row-mapping.js';

export interface StatementValidateOptions {
  /** The mapping to use (and save for the source); without it, the import's current one. */
  mapping?: unknown;
  onProgress?: ProgressListener;
}

const BATCH_ROWS = 500;

/**
 * Checks that the statement can be validated with this mapping and claims it (validating); fast.
 * A statement being validated or committed by another request is refused, and so is one whose
 * commit already recorded payments (commit the rest instead: a new mapping would not undo them).
 */
export async function prepareStatementValidation(ctx: ServiceContext, id: string, options: StatementValidateOptions = {}): Promise<ReadingImport> {
  const current = await getImportOfKind(ctx, id, 'bank_statement');
  if (current.status === 'committed') throw new ValidationError([{ field: 'status', message: 'the statement is committed; upload it again to import it anew' }]);
  if (!current.layout) throw new ValidationError([{ field: 'file', message: current.failureReason ?? 'the file could not be read' }]);
  const given = options.mapping ?? current.mapping;
  if (given === null || given === undefined) {
    throw new ValidationError([{ field: 'mapping', message: 'is required: say which columns hold the date, amount, currency and reference' }]);
  }
  const mapping = prefixed('mapping', () => parseInput(bankStatementMappingSchema, given));
  assertStatementColumnsExist(mapping, current.layout.columns);
  const resolved = resolveStatementMapping(mapping, current.layout);
  const recorded = await recordedRowCount(ctx, id);
  if (recorded > 0) {
    throw new ValidationError([
      { field: 'status', message: `${recorded} of this statement's transfers are already recorded; commit it again to record the rest` },
    ]);
  }
  const claimed = await claimImport(
    ctx,
    id,
    ['uploaded', 'validated', 'failed'],
    'validating',
    { mapping: resolved.mapping, processedRows: 0, totalRows: 0, validRows: 0, invalidRows: 0, duplicateRows: 0, skippedRows: 0, failureReason: null },
    'bank_statement',
  );
  if (claimed) return claimed;
  const now = await getImportOfKind(ctx, id, 'bank_statement');
  throw new ImportBusyError(
    now.status === 'committed'
      ? 'the statement is committed; upload it again to import it anew'
      : `the statement is ${now.status === 'committing' ? 'being committed' : 'being validated'} by another request; wait for it to finish`,
  );
}

export async function validateStatement(ctx: ServiceContext, id: string, options: StatementValidateOptions = {}): Promise<ReadingImport> {
  const prepared = await prepareStatementValidation(ctx, id, options);
  return runStatementValidation(ctx, prepared, options);
}

/** The long part, after prepareStatementValidation: the portal starts it without waiting for it. */
export async function runStatementValidation(ctx: ServiceContext, prepared: ReadingImport, options: StatementValidateOptions = {}): Promise<ReadingImport> {
  try {
    return await withClaimLock(ctx, prepared, () => validateRows(ctx, prepared, options));
  } catch (error) {
    if (error instanceof ImportBusyError) throw error;
    const reason = error instanceof FileFormatError ? error.message : `validation failed: ${error instanceof Error ? error.message : String(error)}`;
    await ctx.db.update(readingImports).set({ status: 'failed', failureReason: reason }).where(stillClaimed(prepared));
    if (error instanceof FileFormatError) throw new ValidationError([{ field: 'file', message: error.message }]);
    throw error;
  }
}

async function validateRows(ctx: ServiceContext, prepared: ReadingImport, options: StatementValidateOptions): Promise<ReadingImport> {
  const id = prepared.id;
  const layout = prepared.layout!;
  const resolved = resolveStatementMapping(prepared.mapping as unknown as BankStatementMapping, layout);
  await ctx.db.delete(bankStatementRows).where(eq(bankStatementRows.importId, id));
  const mapRow = statementRowMapper(resolved);
  const progress = progressRecorder(ctx.db, id, 'validating', layout.estimatedRows, options.onProgress);
  const occurrences = new Map<string, number>();
  const transactionLines = new Map<string, number>();

  let rows = 0;
  for await (const sourceRows of readRowBatches(storedChunks(ctx.db, id), layout, BATCH_ROWS)) {
    const mapped = sourceRows.filter((row) => !isBlankRow(row.cells)).map(mapRow);
    const lookup = await loadMatchLookup(
      ctx.db,
      mapped.filter((row) => row.errorReason === null && row.direction === 'credit').map((row) => row.reference),
    );
    const staged = mapped.map((row) => stagedRow(id, row, (transfer) => matchBankTransfer(transfer, lookup), occurrences, transactionLines));
    if (staged.length > 0) await ctx.db.insert(bankStatementRows).values(staged);
    rows += staged.length;
    await progress.at(rows);
  }
  await progress.done(rows);

  // A transfer an earlier statement (or a request) already recorded: skipped, naming its payment.
  await ctx.db.execute(sql`
    update bank_statement_rows r set skip = 'duplicate', skip_reason = 'already recorded as ' || p.number
    from payments p
    where r.import_id = ${id} and r.error_reason is null and r.skip is null and p.source_key = r.source_key`);
  const counts = await countStatementRows(ctx, id);

  await saveMappingOf(ctx.db, 'bank_statement', prepared.source, resolved.mapping);
  const [row] = await ctx.db
    .update(readingImports)
    .set({
      status: 'validated',
      totalRows: counts.total,
      validRows: counts.toRecord,
      invalidRows: counts.invalid,
      duplicateRows: counts.duplicate,
      skippedRows: counts.debit,
      processedRows: counts.total,
      updatedAt: new Date(),
    })
    .where(stillClaimed(prepared))
    .returning();
  if (!row) throw new ImportBusyError('another request took the statement over meanwhile');
  return toReadingImport(row);
}

type StagedRow = typeof bankStatementRows.$inferInsert;

function stagedRow(
  importId: string,
  row: MappedTransfer,
  match: (transfer: { reference: string; currency: string }) => BankMatch,
  occurrences: Map<string, number>,
  transactionLines: Map<string, number>,
): StagedRow {
  const staged: StagedRow = {
    importId,
    line: row.line,
    bookedOn: row.bookedOn,
    amountMinor: row.amountMinor,
    currency: row.currency,
    reference: row.reference,
    transactionId: row.transactionId,
    payerName: row.payerName,
    raw: row.raw,
    errorColumn: row.errorColumn,
    errorReason: row.errorReason,
  };
  // Money going out is ours, not a payment: skipped whatever else the row holds.
  if (row.direction === 'debit') return { ...staged, errorColumn: null, errorReason: null, skip: 'debit', skipReason: 'money going out' };
  if (row.errorReason !== null) return staged;

  const amount = money(row.amountMinor!, row.currency!);
  const transfer = { bookedOn: row.bookedOn!, amount, reference: row.reference };
  let occurrence = 0;
  if (row.transactionId === null) {
    // Identical transfers on one day are each a payment: counted in file order.
    const identical = identicalTransferKey(transfer);
    occurrence = (occurrences.get(identical) ?? 0) + 1;
    occurrences.set(identical, occurrence);
  } else {
    const first = transactionLines.get(row.transactionId);
    if (first !== undefined) return { ...staged, skip: 'duplicate', skipReason: `line ${first} has the same bank transaction id` };
    transactionLines.set(row.transactionId, row.line);
  }
  const found = match({ reference: row.reference, currency: amount.currency });
  return {
    ...staged,
    sourceKey: bankSourceKey({ ...transfer, transactionId: row.transactionId, occurrence }),
    match: found.kind,
    customerId: found.kind === 'unmatched' ? null : found.customerId,
    invoiceId: found.kind === 'invoice' ? found.invoiceId : null,
    matchNote: found.kind === 'invoice' ? found.invoiceNumber : found.kind === 'customer' ? found.customerReference : found.reason,
    review: bankReviewNote(found, row.payerName),
  };
}

export interface StatementCounts {
  total: number;
  invalid: number;
  /** Money going out. */
  debit: number;
  /** Already recorded, or the same bank transaction twice in the file. */
  duplicate: number;
  /** Transfers the commit records (or recorded). */
  toRecord: number;
  byInvoice: number;
  byCustomer: number;
  unmatched: number;
  /** Recorded by this statement's commit so far. */
  recorded: number;
}

export async function countStatementRows(ctx: ServiceContext, id: string): Promise<StatementCounts> {
  const [row] = await queryRows<Record<keyof StatementCounts, string | number>>(
    ctx.db,
    sql`select count(*) as total,
          count(*) filter (where error_reason is not null) as invalid,
          count(*) filter (where skip = 'debit') as debit,
          count(*) filter (where skip = 'duplicate') as duplicate,
          count(*) filter (where error_reason is null and skip is null) as "toRecord",
          count(*) filter (where error_reason is null and skip is null and match = 'invoice') as "byInvoice",
          count(*) filter (where error_reason is null and skip is null and match = 'customer') as "byCustomer",
          count(*) filter (where error_reason is null and skip is null and match = 'unmatched') as unmatched,
          count(*) filter (where payment_id is not null) as recorded
        from bank_statement_rows where import_id = ${id}`,
  );
  const n = (key: keyof StatementCounts) => Number(row?.[key] ?? 0);
  return {
    total: n('total'),
    invalid: n('invalid'),
    debit: n('debit'),
    duplicate: n('duplicate'),
    toRecord: n('toRecord'),
    byInvoice: n('byInvoice'),
    byCustomer: n('byCustomer'),
    unmatched: n('unmatched'),
    recorded: n('recorded'),
  };
}

async function recordedRowCount(ctx: ServiceContext, id: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(bankStatementRows)
    .where(and(eq(bankStatementRows.importId, id), isNotNull(bankStatementRows.paymentId)));
  return row?.n ?? 0;
}

/** Fills in what the mapping leaves to detection, from the sample rows the upload kept. */
export function resolveStatementMapping(mapping: BankStatementMapping, layout: ImportLayout): ResolvedStatementMapping {
  const sampleOf = (column: string): CellValue[] => {
    const index = layout.columns.indexOf(column);
    return layout.sample.map((row) => row.cells[index] ?? null).filter((cell) => cell !== null && cell !== '');
  };
  const dateFormat = mapping.dateFormat ?? detectDateFormat(sampleOf(mapping.dateColumn)).format;
  // Signs and currency symbols around the amounts say nothing about their decimal separator.
  const amounts = sampleOf(mapping.amountColumn).map((cell) => (typeof cell === 'string' ? cell.replace(/[()€$£¥\s\-\u2212+]/g, '') : cell));
  const decimalSeparator = mapping.decimalSeparator ?? detectDecimalSeparator(amounts);
  return {
    mapping: { ...mapping, dateFormat, decimalSeparator },
    columns: layout.columns,
    dateFormat,
    decimalSeparator,
    strictCellCount: layout.format === 'csv',
  };
}

/** Field names of a nested input say where they sit: `mapping.dateColumn`. */
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
