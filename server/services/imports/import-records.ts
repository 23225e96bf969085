// The reading_imports row of an import (of either kind: readings or a bank statement): reading
// it, listing imports, and what its layout column holds. Sample cells keep their type through JSON (an XLSX date cell stays a date, not a string
// that would look like an ISO text date to the date detection).
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { readingImports, type ImportKind } from '../../../db/schema.js';
import type { CellValue, FileLayout, SourceRow } from '../../imports/file-layout.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';
import type { ImportMapping } from './import-mapping.js';

export type ImportStatus = (typeof readingImports.$inferSelect)['status'];

/** The layout as detected, plus an estimate of the rows to come (line breaks of a text file). */
export interface ImportLayout extends FileLayout {
  estimatedRows: number | null;
}

export interface ReadingImport extends Omit<typeof readingImports.$inferSelect, 'layout' | 'mapping'> {
  layout: ImportLayout | null;
  mapping: ImportMapping | null;
}

type StoredCell = string | number | boolean | null | { date: string };

export function layoutToJson(layout: ImportLayout): unknown {
  const cell = (value: CellValue): StoredCell => (value instanceof Date ? { date: value.toISOString() } : value);
  return { ...layout, sample: layout.sample.map((row) => ({ line: row.line, cells: row.cells.map(cell) })) };
}

function layoutFromJson(stored: unknown): ImportLayout | null {
  if (!stored || typeof stored !== 'object') return null;
  const layout = stored as Omit<ImportLayout, 'sample'> & { sample?: { line: number; cells: StoredCell[] }[] };
  const cell = (value: StoredCell): CellValue =>
    value !== null && typeof value === 'object' ? new Date(value.date) : value;
  const sample: SourceRow[] = (layout.sample ?? []).map((row) => ({ line: row.line, cells: row.cells.map(cell) }));
  return { ...layout, sample };
}

export function toReadingImport(row: typeof readingImports.$inferSelect): ReadingImport {
  return { ...row, layout: layoutFromJson(row.layout), mapping: (row.mapping as ImportMapping | null) ?? null };
}

const importId = z.uuid();

/** What a missing import of each kind is called in a 404. */
const ENTITY: Record<ImportKind, string> = { readings: 'import', bank_statement: 'bank statement' };

export async function getImport(ctx: ServiceContext, id: string): Promise<ReadingImport> {
  return getImportOfKind(ctx, id, 'readings');
}

/** The import, when it is of `kind`: a bank statement is no readings import, nor the other way round. */
export async function getImportOfKind(ctx: ServiceContext, id: string, kind: ImportKind): Promise<ReadingImport> {
  const [row] = importId.safeParse(id).success
    ? await ctx.db.select().from(readingImports).where(and(eq(readingImports.id, id), eq(readingImports.kind, kind)))
    : [];
  if (!row) throw new NotFoundError(ENTITY[kind], id);
  return toReadingImport(row);
}

/** Newest imports of the kind first. */
export async function listImports(ctx: ServiceContext, query: z.input<typeof pageQuerySchema>, kind: ImportKind = 'readings'): Promise<Page<ReadingImport>> {
  const { limit, cursor } = pageQuerySchema.parse(query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const rows = await ctx.db
    .select({ row: readingImports, createdAtKey: sql<string>`${readingImports.createdAt}::text` })
    .from(readingImports)
    .where(
      and(
        eq(readingImports.kind, kind),
        after ? sql`(${readingImports.createdAt}, ${readingImports.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(readingImports.createdAt), desc(readingImports.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.createdAtKey, id: row.row.id }), (row) => toReadingImport(row.row));
}

/** Whether a long step (validate, commit) is running or was cut off while running. */
export const isBusy = (status: ImportStatus) => status === 'validating' || status === 'committing';
