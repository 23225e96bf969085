// Step 1 of an import: the file is streamed into the database and its layout detected (format,
// encoding, delimiter, header, columns, sample rows). Nothing is mapped or checked yet.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { readingImports, type ImportKind } from '../../../db/schema.js';
import { FileFormatError, type FileFormat, type ReadOptions } from '../../imports/file-layout.js';
import { detectLayout } from '../../imports/row-source.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, parseInput } from '../errors.js';
import { storeChunks, storedChunks, type StoredFile } from './import-chunks.js';
import { layoutToJson, toReadingImport, type ImportLayout, type ReadingImport } from './import-records.js';

export const sourceSchema = z
  .string()
  .trim()
  .min(1, 'is required: name where the file comes from (a device family, a sheet), its mapping is kept under it')
  .max(100, 'must be at most 100 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must be plain text, without control characters');

// The database keeps no NUL in text, and no file uses one as a delimiter or in a sheet name.
const withoutNul = (text: string) => !text.includes('\u0000');

/** How to read the file when detection would guess wrong; anything left out is detected. */
export const readOptionsSchema = z
  .object({
    format: z.enum(['csv', 'xlsx', 'json']).optional(),
    delimiter: z
      .string()
      .refine((text) => [...text].length === 1 && withoutNul(text), 'must be one character, such as , ; or a tab')
      .optional(),
    hasHeader: z.boolean().optional(),
    encoding: z.enum(['utf-8', 'latin1']).optional(),
    sheet: z.string().min(1).refine(withoutNul, 'must not contain NUL characters').optional(),
  })
  .strict();

export interface NewImport {
  fileName: string;
  source: string;
  /** The file's bytes as they arrive: an upload, a file stream. Never gathered in memory. */
  bytes: AsyncIterable<Uint8Array>;
  options?: ReadOptions;
  /** Readings unless said otherwise. */
  kind?: ImportKind;
}

export async function createImport(ctx: ServiceContext, input: NewImport): Promise<ReadingImport> {
  const { source } = parseInput(z.object({ source: sourceSchema }), { source: input.source });
  const options = parseInput(readOptionsSchema, input.options ?? {});
  const id = await startUpload(ctx, input.fileName, source, input.kind);
  const stored = await storeChunks(ctx.db, id, input.bytes);
  return finishUpload(ctx, id, stored, options);
}

/**
 * Creates the import a file is then streamed into. A multipart upload learns the source and the
 * options only after the file part has passed, so the API starts with a placeholder source and
 * names it in finishUpload.
 */
export async function startUpload(ctx: ServiceContext, fileName: string, source = '', kind: ImportKind = 'readings'): Promise<string> {
  const name = storedFileName(fileName);
  const [created] = await ctx.db
    .insert(readingImports)
    .values({ kind, source, fileName: name, format: formatGuess(name) })
    .returning({ id: readingImports.id });
  if (!created) throw new Error('import was not stored');
  return created.id;
}

export const MAX_FILE_NAME_CHARS = 200;

/**
 * The name as kept and shown: without any folder part, control characters or broken UTF-16, and
 * at most MAX_FILE_NAME_CHARS characters; a longer name is shortened in the middle of its stem so
 * its extension (which tells the format) stays.
 */
export function storedFileName(fileName: string): string {
  const cleaned = [...(fileName.split(/[\\/]/).pop() ?? '')]
    .map((char) => (/[\p{Cc}\p{Cs}]/u.test(char) ? '_' : char))
    .join('')
    .trim();
  const chars = [...(cleaned || 'readings')];
  if (chars.length <= MAX_FILE_NAME_CHARS) return chars.join('');
  const dot = chars.lastIndexOf('.');
  const extension = dot > 0 && chars.length - dot <= 10 ? chars.slice(dot) : [];
  return [...chars.slice(0, MAX_FILE_NAME_CHARS - extension.length - 1), '…', ...extension].join('');
}

/** Detects the stored file's layout; a file that cannot be read is refused as `file`. */
export async function finishUpload(
  ctx: ServiceContext,
  id: string,
  stored: StoredFile,
  options: z.input<typeof readOptionsSchema>,
  source?: string,
): Promise<ReadingImport> {
  const readOptions = parseInput(readOptionsSchema, options);
  const named = source === undefined ? {} : parseInput(z.object({ source: sourceSchema }), { source });
  const [record] = await ctx.db.select({ fileName: readingImports.fileName }).from(readingImports).where(eq(readingImports.id, id));
  if (!record) throw new Error('import disappeared while its file was stored');
  if (stored.byteSize === 0) return refuse(ctx, id, 'the file is empty');
  let layout: ImportLayout;
  try {
    const detected = await detectLayout(record.fileName, storedChunks(ctx.db, id), readOptions);
    const estimatedRows = detected.format === 'csv' ? Math.max(0, stored.lineBreaks + (stored.endsWithLineBreak ? 0 : 1) - (detected.hasHeader ? 1 : 0)) : null;
    layout = { ...detected, estimatedRows };
  } catch (error) {
    if (error instanceof FileFormatError) return refuse(ctx, id, error.message);
    throw error;
  }
  const [row] = await ctx.db
    .update(readingImports)
    .set({ ...named, byteSize: stored.byteSize, format: layout.format, layout: layoutToJson(layout), status: 'uploaded', updatedAt: new Date() })
    .where(eq(readingImports.id, id))
    .returning();
  if (!row) throw new Error('import disappeared while its file was stored');
  return toReadingImport(row);
}

/**
 * The file cannot be read: the import is kept as failed (staff see why; an upload over HTTP then
 * discards it) and the caller is told. The reason may quote the file, so a NUL is replaced.
 */
async function refuse(ctx: ServiceContext, id: string, message: string): Promise<never> {
  const reason = message.replaceAll('\u0000', '\uFFFD');
  await ctx.db.update(readingImports).set({ status: 'failed', failureReason: reason, updatedAt: new Date() }).where(eq(readingImports.id, id));
  throw new ValidationError([{ field: 'file', message: reason }]);
}

export function formatGuess(fileName: string): FileFormat {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx';
  if (extension === 'json' || extension === 'ndjson' || extension === 'jsonl') return 'json';
  return 'csv';
}

/**
 * Deletes an import whose upload was refused (a bad source, a file that cannot be read, a refused
 * mapping, a body that broke off), with its stored chunks: the client never learnt its id and was
 * told nothing was stored, so nothing is.
 */
export async function discardRefusedUpload(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.delete(readingImports).where(eq(readingImports.id, id));
}
