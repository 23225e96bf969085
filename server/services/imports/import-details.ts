// An import as the mapping step shows it: the mapping to offer (its own, else the one saved for
// its source, else a guess from the header names) and what the time column's dates look like.
import { detectDateFormat, type DateFormatDetection } from '../../imports/dates.js';
import type { ServiceContext } from '../context.js';
import { suggestMapping, type ImportMapping } from './import-mapping.js';
import { getImport, type ReadingImport } from './import-records.js';
import { savedMapping } from './saved-mappings.js';

export interface ImportDetails {
  import: ReadingImport;
  /** What the mapping form starts from. */
  offeredMapping: Partial<ImportMapping>;
  offeredFrom: 'import' | 'saved' | 'suggested';
  /** How the offered time column's sample dates read; null without a time column. */
  dateDetection: DateFormatDetection | null;
}

export async function getImportDetails(ctx: ServiceContext, id: string): Promise<ImportDetails> {
  return describeImport(ctx, await getImport(ctx, id));
}

export async function describeImport(ctx: ServiceContext, imported: ReadingImport): Promise<ImportDetails> {
  const columns = imported.layout?.columns ?? [];
  const saved = imported.mapping ? null : await savedMapping(ctx.db, imported.source);
  // A saved mapping is offered only when this file has the columns it names.
  const savedFits = saved !== null && Object.entries(saved).every(([field, value]) => !field.endsWith('Column') || columns.includes(String(value)));
  const [offeredMapping, offeredFrom]: [Partial<ImportMapping>, ImportDetails['offeredFrom']] = imported.mapping
    ? [imported.mapping, 'import']
    : saved && savedFits
      ? [saved, 'saved']
      : [suggestMapping(columns), 'suggested'];
  return { import: imported, offeredMapping, offeredFrom, dateDetection: detectTimeColumn(imported, offeredMapping.timeColumn) };
}

function detectTimeColumn(imported: ReadingImport, timeColumn: string | undefined): DateFormatDetection | null {
  const layout = imported.layout;
  if (!layout || !timeColumn) return null;
  const index = layout.columns.indexOf(timeColumn);
  if (index < 0) return null;
  const samples = layout.sample.map((row) => row.cells[index] ?? null).filter((cell) => cell !== null && cell !== '');
  try {
    return detectDateFormat(samples);
  } catch {
    // Detection is a convenience for the form; a column of no dates at all simply offers none.
    return null;
  }
}
