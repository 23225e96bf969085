// Runs once per `vitest run`: builds the migrated template database every test database is
// copied from, so each file starts from the committed migrations without re-running them; and
// builds the portal, so portal, API and CLI tests run the same build `npm start` serves.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createMigratedDatabase, dropDatabase, withAdmin } from '../support/postgres-admin.js';

// Named after this run, so concurrent runs on one machine keep out of each other's way; the
// test processes inherit both names through the environment.
const TEMPLATE_DATABASE = `uplink_test_template_${process.pid}`;
const PORTAL_BUILD = resolve('.tools', 'test-builds', String(process.pid));

export default async function globalSetup(): Promise<() => Promise<void>> {
  process.env.UPLINK_TEST_TEMPLATE = TEMPLATE_DATABASE;
  process.env.UPLINK_BUILD_DIR = PORTAL_BUILD;
  execFileSync('npx', ['remix', 'vite:build', '--logLevel', 'error'], { stdio: 'inherit', env: process.env });
  await createMigratedDatabase(TEMPLATE_DATABASE);
  return async () => {
    rmSync(PORTAL_BUILD, { recursive: true, force: true });
    await withAdmin((sql) => dropDatabase(sql, TEMPLATE_DATABASE));
  };
}
