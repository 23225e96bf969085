// `npm run worker`: one billing worker on its own, for running several against one Temporal
// cluster and one Postgres server. It needs TEMPORAL_ADDRESS and DATABASE_URL: the embedded
// database and dev server belong to a single `npm start` process.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { configuredStripeGateway } from './card-gateway.js';
import { loadConfig } from './config.js';
import { activityDeps, describeDatabase, openMigratedDatabase } from './runtime.js';
import { onShutdownSignal } from './shutdown.js';
import { startHandoffRelay } from './services/handoffs/handoff-relay.js';
import { createBillingWorker } from './worker.js';

const config = loadConfig();
if (!config.temporal.address || !config.databaseUrl) {
  console.error('A standalone worker needs TEMPORAL_ADDRESS and DATABASE_URL (use `npm start` for an all-in-one local run).');
  process.exit(2);
}

const database = await openMigratedDatabase(config);
const connection = await NativeConnection.connect({ address: config.temporal.address });
const deps = { ...activityDeps(config, database), gateway: configuredStripeGateway(config) };
const worker = await createBillingWorker({
  connection,
  namespace: config.temporal.namespace,
  activities: createActivities(deps),
});
// Every worker process also delivers the hand-off outbox; several side by side share the work.
const clientConnection = await Connection.connect({ address: config.temporal.address });
const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
const relay = startHandoffRelay({ db: database.db, temporal: client, mail: deps, gateway: deps.gateway });
console.log(`Billing worker on ${config.temporal.address} (namespace ${config.temporal.namespace}), ${describeDatabase(database)}`);
onShutdownSignal(() => worker.shutdown());
await worker.run();
await relay.stop();
await clientConnection.close();
await connection.close();
await database.close();
console.log('Worker stopped.');
