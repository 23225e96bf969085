// Starting a long import step without waiting for it (the staff pages answer at once and show
// progress). The step records its own outcome on the import (validated, committed, failed, or
// back to validated with the reason), so nothing is left to report here.
import type { ServiceContext } from '../context.js';
import { prepareCommit, runCommit, type CommitOptions } from './import-commit.js';
import type { ReadingImport } from './import-records.js';
import { prepareValidation, runValidation, type ValidateOptions } from './import-validate.js';

/** Checks the mapping and marks the import validating (errors are thrown here), then validates in the background. */
export async function startValidation(ctx: ServiceContext, id: string, options: ValidateOptions): Promise<ReadingImport> {
  const prepared = await prepareValidation(ctx, id, options);
  runValidation(ctx, prepared, options).catch(() => {});
  return prepared;
}

/** Checks the commit may go ahead (errors are thrown here), then commits in the background. */
export async function startCommit(ctx: ServiceContext, id: string, options: CommitOptions): Promise<ReadingImport> {
  const prepared = await prepareCommit(ctx, id, options);
  if (prepared.status !== 'committed') runCommit(ctx, prepared, options).catch(() => {});
  return prepared;
}
