// The database and Temporal connections a command runs on, opened from the same configuration as
// `npm start`. Temporal is connected lazily: commands that never touch it (plans list, say) work
// while it is down, and those that need it check it before storing anything.
import { Client, Connection } from '@temporalio/client';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { DatabaseInUseError } from '../../db/pglite-lock.js';
import { migrateDatabase } from '../../db/migrate.js';
import type { AppConfig } from '../config.js';
import { describeDatabase } from '../runtime.js';
import type { ServiceContext } from '../services/context.js';
import { CliFailure } from './failures.js';

export interface CliConnections {
  ctx: ServiceContext;
  temporalAddress: string;
  /** Where staff open the Web UI; known for the local dev server or from TEMPORAL_UI_URL. */
  temporalUiUrl: string | undefined;
  /** Fails with an explanation unless Temporal answers within a few seconds. */
  requireTemporal(): Promise<void>;
  close(): Promise<void>;
}

const TEMPORAL_CONNECT_TIMEOUT = '5s';

export async function openConnections(config: AppConfig): Promise<CliConnections> {
  const database = await openCliDatabase(config);
  const localDevServer = config.temporal.address === undefined;
  const temporalAddress = config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`;
  const connection = Connection.lazy({ address: temporalAddress, connectTimeout: TEMPORAL_CONNECT_TIMEOUT });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  return {
    ctx: { db: database.db, temporal },
    temporalAddress,
    temporalUiUrl: config.temporal.uiUrl ?? (localDevServer ? `http://127.0.0.1:${config.temporal.devServerUiPort}` : undefined),
    async requireTemporal() {
      try {
        await connection.ensureConnected();
      } catch (error) {
        const how = localDevServer
          ? 'start Uplink with `npm start` (it runs the local Temporal dev server), or set TEMPORAL_ADDRESS to your Temporal server'
          : 'check that the server is running and that TEMPORAL_ADDRESS is right';
        throw new CliFailure(`cannot reach Temporal at ${temporalAddress} (${reason(error)}): ${how}`);
      }
    },
    async close() {
      await connection.close();
      await database.close();
    },
  };
}

async function openCliDatabase(config: AppConfig): Promise<DatabaseHandle> {
  let handle: DatabaseHandle | undefined;
  try {
    // Few connections: one command runs a handful of queries, and the server's pool needs the rest.
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 2 });
    // The same migrations `npm start` applies, so the CLI works on a database it has not started yet.
    await migrateDatabase(handle);
    return handle;
  } catch (error) {
    await handle?.close().catch(() => {});
    if (error instanceof DatabaseInUseError) throw new CliFailure(error.message);
    const where = handle ? describeDatabase(handle) : config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
    const how = config.databaseUrl
      ? 'check DATABASE_URL and that the PostgreSQL server is running'
      : 'check that UPLINK_DATA_DIR is a folder Uplink can write';
    throw new CliFailure(`cannot open the database, ${where} (${reason(error)}): ${how}`);
  }
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${message}${cause}`;
}
