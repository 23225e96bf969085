// Cursor pagination: a page ends with an opaque cursor naming its last row, and the next page
// starts strictly after it. Unlike offsets, rows added meanwhile never shift or repeat a page.
import { z } from 'zod';
import { ValidationError } from './errors.js';

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(25),
  cursor: z.string().min(1).optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** The position of a row in a (sort key, id) ordering. */
export interface CursorPosition {
  key: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) {
      return { key: decoded[0] as string, id: decoded[1] as string };
    }
  } catch {
    // Falls through to the error below: a cursor is only ever one this module produced.
  }
  throw new ValidationError([{ field: 'cursor', message: 'is not a cursor returned by a previous page' }]);
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells whether there is more.
 */
export function toPage<Row, T>(rows: Row[], limit: number, position: (row: Row) => CursorPosition, view: (row: Row) => T): Page<T> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null,
  };
}
