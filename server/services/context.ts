import type { Client } from '@temporalio/client';
import type { Database } from '../../db/client.js';

/** What every service needs: the database and a Temporal client. The CLI, API and portal share it. */
export interface ServiceContext {
  db: Database;
  temporal: Client;
}
