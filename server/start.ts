// `npm start`: the whole system in one process for a local run. It migrates the database, gets a
// Temporal server (TEMPORAL_ADDRESS, or a local dev server persisted in the data folder), runs the
// billing worker, restarts any account workflow that should be running, seeds demo data on the
// first run, serves the portal (staff pages, customer pages, REST API), and stops everything
// cleanly on Ctrl-C.
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import { reportBillingProgress } from './billing-progress.js';
import { loadConfig, type AppConfig } from './config.js';
import { seedDemoDataOnce } from './demo-seed.js';
import { deliverUndeliveredDocuments } from './services/invoices/document-delivery.js';
import { startPortalServer } from './portal/http-server.js';
import { resolveSessionSecret } from './portal/session-secret.js';
import { activityDeps, describeDatabase, openMigratedDatabase } from './runtime.js';
import { openCardGateway } from './card-gateway.js';
import { ensureAllAccountWorkflows } from './services/customers/customers.js';
import { onShutdownSignal } from './shutdown.js';
import { bootstrapStaff } from './staff-bootstrap.js';
import { startTemporalDevServer } from './temporal/dev-server.js';
import { temporalNamespaceUrl } from './temporal/web-ui-link.js';
import { startHandoffRelay } from './services/handoffs/handoff-relay.js';
import { createBillingWorker } from './worker.js';

const log = (line: string) => console.log(line);

interface TemporalEndpoint {
  address: string;
  uiUrl: string | undefined;
  /** Resolves when the local dev server died and could not be restarted; never for TEMPORAL_ADDRESS. */
  failed: Promise<Error>;
  /** We are shutting down: an exit of the local dev server (Ctrl-C reaches it too) is no crash. */
  stopRestarting(): void;
  stop(): Promise<void>;
}

async function temporalEndpoint(config: AppConfig): Promise<TemporalEndpoint> {
  if (config.temporal.address) {
    const { address, uiUrl } = config.temporal;
    return { address, uiUrl, failed: new Promise(() => {}), stopRestarting: () => {}, stop: async () => {} };
  }
  log('Starting the local Temporal dev server...');
  const server = await startTemporalDevServer({
    dataDir: join(config.dataDir, 'temporal'),
    port: config.temporal.devServerPort,
    uiPort: config.temporal.devServerUiPort,
    namespace: config.temporal.namespace,
    log,
  });
  return {
    address: server.address,
    uiUrl: config.temporal.uiUrl ?? server.uiUrl,
    failed: server.failed,
    stopRestarting: () => server.stopRestarting(),
    stop: () => server.stop(),
  };
}

/**
 * The SDK's defaults (warnings from its Rust core), except with our own dev server: the client's
 * warning per retried call (several a second while the server restarts) would bury the two lines
 * its supervisor says about the outage (down, restarted).
 */
function coreLogFilter(config: AppConfig): string {
  const clientLevel = config.temporal.address ? 'WARN' : 'ERROR';
  return `ERROR,temporalio_sdk_core=WARN,temporalio_client=${clientLevel},temporalio_common=WARN`;
}

/** Undo steps, run in reverse order however far the start got, so nothing is left running. */
type Cleanup = Array<() => Promise<void>>;

async function main(): Promise<void> {
  const config = loadConfig();
  // The SDK's own INFO lines (bundling, worker state) drown out what an operator needs to see.
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: coreLogFilter(config) } } });
  const cleanup: Cleanup = [];
  // From the start, not once running: a Ctrl-C in the terminal also stops the local Temporal dev
  // server, which must then not be taken for a crash and restarted, however far the start got.
  const shutdown = new AbortController();
  onShutdownSignal(() => shutdown.abort());
  try {
    await run(config, cleanup, shutdown.signal);
  } finally {
    for (const undo of cleanup.reverse()) {
      await undo().catch((error: unknown) => console.error(`While stopping: ${error instanceof Error ? error.message : String(error)}`));
    }
    log('Uplink stopped.');
  }
}

async function run(config: AppConfig, cleanup: Cleanup, shutdown: AbortSignal): Promise<void> {
  log(`Uplink: opening the database (${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'})...`);
  const database = await openMigratedDatabase(config);
  cleanup.push(() => database.close());
  const temporal = await temporalEndpoint(config);
  cleanup.push(() => temporal.stop());
  whenAborted(shutdown, () => temporal.stopRestarting());
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  cleanup.push(() => nativeConnection.close());
  const clientConnection = await Connection.connect({ address: temporal.address });
  cleanup.push(() => clientConnection.close());
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  const cardGateway = await openCardGateway(config, `${config.portalUrl}/webhooks/stripe`);
  cleanup.push(() => cardGateway.close());
  const deps = { ...activityDeps(config, database), gateway: cardGateway.gateway };
  const ctx = {
    db: database.db,
    temporal: client,
    mail: deps,
    gateway: cardGateway.gateway,
    inboundSenderAuthentication: config.inbound.senderAuthentication,
  };

  const portal = await startPortalServer({
    services: ctx,
    settings: {
      companyName: config.companyName,
      portalUrl: config.portalUrl,
      timeZone: config.portal.timeZone,
      temporalNamespace: config.temporal.namespace,
      temporalUiUrl: temporal.uiUrl,
      inbound: {
        resendWebhookSecret: config.inbound.resendWebhookSecret,
        mimeSecret: config.inbound.mimeSecret,
        resendApiKey: config.email.resendApiKey,
        resendBaseUrl: config.email.resendBaseUrl,
      },
      paymentsTestMode: cardGateway.gateway.testMode,
    },
    sessionSecret: resolveSessionSecret(config.portal.sessionSecret, config.dataDir),
    host: config.portal.host,
    port: config.portal.port,
    trustProxy: config.portal.trustProxy,
    // `npm run build` writes it here; UPLINK_BUILD_DIR points elsewhere (tests build per run).
    buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
  });
  cleanup.push(() => portal.close());

  log('Bundling workflows and starting the billing worker...');
  const worker = await createBillingWorker({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    activities: createActivities(deps),
  });
  const workerRunning = worker.run();
  cleanup.push(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRunning;
  });
  // Delivers the hand-off outbox to the workflows, retrying whatever Temporal did not take.
  const relay = startHandoffRelay(ctx, { log });
  cleanup.push(() => relay.stop());
  const stopProgress = reportBillingProgress(database.db, log);
  cleanup.push(async () => stopProgress());

  const seeded = config.seedDemoData ? await seedDemoDataOnce(ctx, log) : false;
  const running = await ensureAllAccountWorkflows(ctx);
  const redelivered = await deliverUndeliveredDocuments(ctx);
  if (redelivered > 0) log(`Delivering ${redelivered} one-off invoice(s) or credit note(s) not emailed yet.`);
  const staffLine = await bootstrapStaff(ctx, config);

  log('');
  log('Uplink is running:');
  log(`  Staff pages      ${portal.url}/staff (${staffLine})`);
  log(`  REST API         ${portal.url}/api/v1 (OpenAPI at ${portal.url}/api/v1/openapi.json)`);
  log(`  Database         ${describeDatabase(database)}`);
  log(`  Temporal         ${temporal.address} (namespace ${config.temporal.namespace}, task queue billing)`);
  if (temporal.uiUrl) log(`  Temporal Web UI  ${temporalNamespaceUrl(temporal.uiUrl, config.temporal.namespace)}`);
  log(`  Email            ${deps.email.name === 'resend' ? 'sent through Resend' : 'kept in the outbox (email_messages table); set RESEND_API_KEY to send'}`);
  log(`  Card payments    ${cardGateway.description}`);
  log(`  Accounts         ${running} account workflow(s) running${seeded ? ', demo data seeded on this first start' : ''}`);
  log('Press Ctrl-C to stop.');

  const stopWorker = () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  whenAborted(shutdown, stopWorker);
  // Without Temporal nothing works: stop with an error rather than run on, unable to bill.
  void temporal.failed.then((error) => {
    console.error(error.message);
    process.exitCode = 1;
    stopWorker();
  });
  await workerRunning;
}

function whenAborted(signal: AbortSignal, react: () => void): void {
  if (signal.aborted) react();
  else signal.addEventListener('abort', react, { once: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
