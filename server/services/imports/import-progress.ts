// How far a long import step has come: written to the import every ~10,000 rows, so the portal,
// the API and another process can show it, and handed to an in-process listener (the CLI's
// progress lines).
import { eq } from 'drizzle-orm';
import { readingImports } from '../../../db/schema.js';
import type { Queryable } from './sql-rows.js';
import type { Database } from '../../../db/client.js';

export const PROGRESS_EVERY = 10_000;

export interface ProgressReport {
  step: 'validating' | 'checking' | 'committing';
  processed: number;
  /** Rows expected in all, when known (a text file's line count, or the validated total). */
  expected: number | null;
}

export type ProgressListener = (report: ProgressReport) => void;

export interface ProgressRecorder {
  /** `processed` rows are done; records it when another PROGRESS_EVERY rows have passed. */
  at(processed: number): Promise<void>;
  /** Records `processed` whatever the interval. */
  done(processed: number): Promise<void>;
}

export function progressRecorder(
  db: Queryable & Pick<Database, 'update'>,
  importId: string,
  step: ProgressReport['step'],
  expected: number | null,
  listener: ProgressListener | undefined,
): ProgressRecorder {
  let recorded = 0;
  const record = async (processed: number) => {
    recorded = processed;
    await db.update(readingImports).set({ processedRows: processed }).where(eq(readingImports.id, importId));
    listener?.({ step, processed, expected });
  };
  return {
    at: (processed) => (processed - recorded >= PROGRESS_EVERY ? record(processed) : Promise.resolve()),
    done: record,
  };
}
