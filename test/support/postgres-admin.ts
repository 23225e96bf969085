// Test databases on the real Postgres server: the global setup migrates one template, and each
// test file gets its own copy (CREATE DATABASE ... TEMPLATE), so files can run in parallel.
import postgres from 'postgres';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * The template of this test run. The global setup names it after its process and passes the name
 * to the test processes in the environment, so two runs on one machine never share one.
 */
export const templateDatabase = (): string => process.env.UPLINK_TEST_TEMPLATE ?? 'uplink_test_template';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropDatabase(sql: postgres.Sql, name: string): Promise<void> {
  await sql.unsafe(`drop database if exists "${name}" with (force)`);
}

/** Creates (or re-creates) `name` as a database with every committed migration applied. */
export async function createMigratedDatabase(name: string): Promise<void> {
  await withAdmin(async (sql) => {
    await dropDatabase(sql, name);
    await sql.unsafe(`create database "${name}"`);
  });
  const handle = await openDatabase({ databaseUrl: databaseUrl(name), dataDir: '' });
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
}
