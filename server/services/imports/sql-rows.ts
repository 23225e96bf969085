// Raw SQL answers look different per driver (postgres.js: an array with `count`; PGlite:
// `{rows, affectedRows}`); the set-based import steps read them through these two helpers.
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';

/** The database or a transaction on it: both run raw SQL the same way. */
export type Queryable = Pick<Database, 'execute'>;

export async function queryRows<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

/** How many rows an INSERT, UPDATE or DELETE touched. */
export async function affectedRows(db: Queryable, query: SQL): Promise<number> {
  const result: unknown = await db.execute(query);
  const counted = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(counted.count ?? counted.affectedRows ?? counted.rowCount ?? 0);
}
