// Opens the database the configuration asks for: a Postgres server through postgres.js when a
// DATABASE_URL is given, otherwise PGlite (Postgres compiled to WebAssembly) in the data folder,
// so a newcomer needs no database server. Both run the same schema and migrations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDirectory } from './pglite-lock.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle =
  | { kind: 'postgres'; db: Database; url: string; close(): Promise<void> }
  | { kind: 'pglite'; db: Database; directory: string; pglite: PGlite; close(): Promise<void> };

export interface DatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Connection pool size for postgres.js. */
  maxConnections?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      // Postgres notices ("relation already exists, skipping") are not worth a console line.
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return { kind: 'postgres', db, url: options.databaseUrl, close: () => client.end({ timeout: 5 }) };
  }
  const directory = join(options.dataDir, 'pglite');
  mkdirSync(directory, { recursive: true });
  // Held for the handle's lifetime: PGlite is one process's database (see pglite-lock.ts).
  const unlock = lockDataDirectory(directory);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(directory);
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  const close = async () => {
    try {
      await pglite.close();
    } finally {
      unlock();
    }
  };
  return { kind: 'pglite', db, directory, pglite, close };
}
