import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { databaseUrl, templateDatabase, dropDatabase, withAdmin } from './postgres-admin.js';

export interface TestDatabase {
  name: string;
  url: string;
  handle: DatabaseHandle;
  /** Closes the pool and drops the database. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database of its own, copied from the template the global setup built. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `uplink_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((sql) => sql.unsafe(`create database "${name}" template "${templateDatabase()}"`));
  const url = databaseUrl(name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: '' });
  return {
    name,
    url,
    handle,
    async dispose() {
      await handle.close();
      await withAdmin((sql) => dropDatabase(sql, name));
    },
  };
}
