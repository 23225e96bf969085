// The preview's list of invalid rows (line, column, reason and the row as it was), page by page
// in file order, and the same rows as a CSV file to fix and import again.
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import { readingImportRows } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { decodeCursor, encodeCursor, pageQuerySchema, type Page } from '../pagination.js';
import { getImport } from './import-records.js';

export interface InvalidRow {
  line: number;
  /** The column the problem is in; null when it is the whole row (its cell count). */
  column: string | null;
  reason: string;
  /** The row's cells as the file had them. */
  cells: unknown[];
}

const LINE_KEY = /^\d{1,10}$/;

export async function listInvalidRows(ctx: ServiceContext, id: string, query: z.input<typeof pageQuerySchema>): Promise<Page<InvalidRow>> {
  const { limit, cursor } = pageQuerySchema.parse(query);
  await getImport(ctx, id);
  const after = decodeCursor(cursor, LINE_KEY);
  const rows = await invalidRowsAfter(ctx, id, after ? Number(after.key) : 0, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > limit && last ? encodeCursor({ key: String(last.line), id }) : null };
}

async function invalidRowsAfter(ctx: ServiceContext, id: string, afterLine: number, limit: number): Promise<InvalidRow[]> {
  const rows = await ctx.db
    .select({
      line: readingImportRows.line,
      column: readingImportRows.errorColumn,
      reason: readingImportRows.errorReason,
      raw: readingImportRows.raw,
    })
    .from(readingImportRows)
    .where(and(eq(readingImportRows.importId, id), isNotNull(readingImportRows.errorReason), gt(readingImportRows.line, afterLine)))
    .orderBy(asc(readingImportRows.line))
    .limit(limit);
  return rows.map((row) => ({ line: row.line, column: row.column, reason: row.reason ?? '', cells: parseCells(row.raw) }));
}

function parseCells(raw: string): unknown[] {
  try {
    const cells: unknown = JSON.parse(raw);
    return Array.isArray(cells) ? cells : [raw];
  } catch {
    return [raw];
  }
}

const CSV_PAGE = 5_000;

/**
 * The rejected rows as CSV, streamed page by page: line, column and reason first, then the row's
 * own cells under the file's column names, so the file can be fixed and imported again.
 */
export async function rejectedRowsCsv(ctx: ServiceContext, id: string): Promise<{ fileName: string; lines: AsyncIterable<string> }> {
  const imported = await getImport(ctx, id);
  const columns = imported.layout?.columns ?? [];
  const baseName = imported.fileName.replace(/\.[^.]*$/, '');
  async function* lines(): AsyncIterable<string> {
    yield csvLine(['line', 'column', 'reason', ...columns]);
    for (let after = 0; ; ) {
      const rows = await invalidRowsAfter(ctx, id, after, CSV_PAGE);
      for (const row of rows) yield csvLine([String(row.line), row.column ?? '', row.reason, ...row.cells.map(cellText)]);
      const last = rows.at(-1);
      if (!last || rows.length < CSV_PAGE) return;
      after = last.line;
    }
  }
  return { fileName: `${baseName}-rejected.csv`, lines: lines() };
}

function cellText(cell: unknown): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

function csvLine(fields: string[]): string {
  return `${fields.map((field) => csvField(neutralised(field))).join(',')}\r\n`;
}

function csvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * A spreadsheet opening the file would run a cell starting with = + - @ (or a tab or carriage
 * return before one) as a formula: a leading ' keeps it text. The file's own cells come from
 * whoever produced the file, and reasons quote them.
 */
function neutralised(field: string): string {
  // A signed number ("-5", "+1.5") is data a corrected file must read back as it was; anything else
  // starting like a formula is kept as text.
  if (/^[+-]\d+([.,]\d+)?$/.test(field)) return field;
  return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}
