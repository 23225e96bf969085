// Starting a statement's long steps without waiting for them (the staff pages answer at once and
// show progress). Each step records its own outcome on the import.
import type { ServiceContext } from '../context.js';
import type { ReadingImport } from '../imports/import-records.js';
import { prepareStatementCommit, runStatementCommit, type StatementCommitOptions } from './statement-commit.js';
import { prepareStatementValidation, runStatementValidation, type StatementValidateOptions } from './statement-validate.js';

/** Checks the mapping and marks the statement validating (errors are thrown here), then validates in the background. */
export async function startStatementValidation(ctx: ServiceContext, id: string, options: StatementValidateOptions): Promise<ReadingImport> {
  const prepared = await prepareStatementValidation(ctx, id, options);
  runStatementValidation(ctx, prepared, options).catch(() => {});
  return prepared;
}

/** Checks the commit may go ahead (errors are thrown here), then records the transfers in the background. */
export async function startStatementCommit(ctx: ServiceContext, id: string, options: StatementCommitOptions): Promise<ReadingImport> {
  const prepared = await prepareStatementCommit(ctx, id, options);
  if (prepared.status !== 'committed') runStatementCommit(ctx, prepared, options).catch(() => {});
  return prepared;
}
