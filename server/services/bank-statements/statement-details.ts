// A bank statement as its pages show it: the import, the mapping to offer (its own, else the one
// saved for its bank account, else a guess from the header names), how its dates read, and the
// preview's counts (matched by invoice or customer, unmatched, money going out, duplicates).
import { detectDateFormat, type DateFormatDetection } from '../../imports/dates.js';
import type { ServiceContext } from '../context.js';
import { getImportOfKind, type ReadingImport } from '../imports/import-records.js';
import { savedMappingOf } from '../imports/saved-mappings.js';
import { bankStatementMappingSchema, suggestStatementMapping, type BankStatementMapping } from './statement-mapping.js';
import { countStatementRows, type StatementCounts } from './statement-validate.js';

export interface StatementImport extends Omit<ReadingImport, 'mapping'> {
  mapping: BankStatementMapping | null;
}

export interface StatementDetails {
  import: StatementImport;
  offeredMapping: Partial<BankStatementMapping>;
  offeredFrom: 'import' | 'saved' | 'suggested';
  /** How the offered date column's sample dates read; null without one. */
  dateDetection: DateFormatDetection | null;
  counts: StatementCounts;
}

export async function getStatementDetails(ctx: ServiceContext, id: string): Promise<StatementDetails> {
  return describeStatement(ctx, await getImportOfKind(ctx, id, 'bank_statement'));
}

export async function describeStatement(ctx: ServiceContext, imported: ReadingImport): Promise<StatementDetails> {
  const statement = asStatement(imported);
  const columns = statement.layout?.columns ?? [];
  const saved = statement.mapping ? null : await savedMappingOf(ctx.db, 'bank_statement', statement.source, bankStatementMappingSchema);
  // A saved mapping is offered only when this file has the columns it names.
  const savedFits = saved !== null && Object.entries(saved).every(([field, value]) => !field.endsWith('Column') || columns.includes(String(value)));
  const [offeredMapping, offeredFrom]: [Partial<BankStatementMapping>, StatementDetails['offeredFrom']] = statement.mapping
    ? [statement.mapping, 'import']
    : saved && savedFits
      ? [saved, 'saved']
      : [suggestStatementMapping(columns), 'suggested'];
  return {
    import: statement,
    offeredMapping,
    offeredFrom,
    dateDetection: detectDateColumn(statement, offeredMapping.dateColumn),
    counts: await countStatementRows(ctx, statement.id),
  };
}

/** An import of kind bank_statement, its mapping read as a statement's. */
export function asStatement(imported: ReadingImport): StatementImport {
  return { ...imported, mapping: imported.mapping as unknown as BankStatementMapping | null };
}

function detectDateColumn(statement: StatementImport, dateColumn: string | undefined): DateFormatDetection | null {
  const layout = statement.layout;
  if (!layout || !dateColumn) return null;
  const index = layout.columns.indexOf(dateColumn);
  if (index < 0) return null;
  const samples = layout.sample.map((row) => row.cells[index] ?? null).filter((cell) => cell !== null && cell !== '');
  return samples.length === 0 ? null : detectDateFormat(samples);
}
