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

/** A sort key that is a Postgres timestamptz as `::text` prints it. */
export const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a cursor back, checking its key has the shape its list sorts by, so a tampered cursor is
 * refused as input instead of failing inside the database.
 */
export function decodeCursor(cursor: string | undefined, keyShape: RegExp): CursorPosition | null {
  if (cursor === undefined) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [key, id] = decoded as unknown[];
      if (typeof key === 'string' && typeof id === 'string' && keyShape.test(key) && UUID.test(id)) return { key, id };
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
