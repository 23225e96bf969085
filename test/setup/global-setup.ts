// Runs once per `vitest run`: builds the migrated template database every test database is
// copied from, so each file starts from the committed migrations without re-running them; and
// builds the portal, so portal, API and CLI tests run the same build `npm start` serves.
import { execFileSync } from 'node:child_process';
import { openDatabase } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { TEMPLATE_DATABASE, databaseUrl, dropDatabase, withAdmin } from '../support/postgres-admin.js';

export default async function globalSetup(): Promise<void> {
  execFileSync('npx', ['remix', 'vite:build', '--logLevel', 'error'], { stdio: 'inherit' });
  await withAdmin(async (sql) => {
    await dropDatabase(sql, TEMPLATE_DATABASE);
    await sql.unsafe(`create database "${TEMPLATE_DATABASE}"`);
  });
  const handle = await openDatabase({ databaseUrl: databaseUrl(TEMPLATE_DATABASE), dataDir: '' });
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
}
