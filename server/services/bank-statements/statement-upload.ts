// Step 1 of a bank statement import: the same upload as a readings file (streamed into the
// database, layout detected), kept as an import of kind bank_statement.
import type { ServiceContext } from '../context.js';
import type { ReadOptions } from '../../imports/file-layout.js';
import { createImport } from '../imports/import-upload.js';
import type { ReadingImport } from '../imports/import-records.js';

export interface NewStatement {
  fileName: string;
  /** The bank account the statement is from: its mapping is kept under this name. */
  source: string;
  bytes: AsyncIterable<Uint8Array>;
  options?: ReadOptions;
}

export async function uploadStatement(ctx: ServiceContext, input: NewStatement): Promise<ReadingImport> {
  return createImport(ctx, { ...input, kind: 'bank_statement' });
}
