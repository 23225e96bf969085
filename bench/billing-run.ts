// `npm run bench -- --customers 1000`: how fast the billing core catches up N customers each
// back-dated 12 months (12 invoices, ledger entries and emails each), against a bare workflow
// running the same number of no-op activities on the same Temporal dev server in the same run.
// The dev server keeps its state in SQLite on one connection: that is the ceiling of a local run,
// so the ratio, not the absolute rate, is the figure to watch.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { count } from 'drizzle-orm';
import { createActivities } from '../activities/index.js';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { invoices } from '../db/schema.js';
import { createOutboxTransport } from '../emails/outbox-transport.js';
import { createCustomer } from '../server/services/customers/customers.js';
import { createPlan } from '../server/services/subscriptions/plans.js';
import { startTemporalDevServer } from '../server/temporal/dev-server.js';
import { createBillingWorker } from '../server/worker.js';
import { baselineActivities } from './baseline-activities.js';
import { noopBaseline } from './baseline-workflow.js';
import { withScratchDatabase } from './scratch-database.js';

const { values } = parseArgs({ options: { customers: { type: 'string', default: '1000' }, months: { type: 'string', default: '12' } } });
const customerCount = Number(values.customers);
const months = Number(values.months);
// Per customer: loadAccount once, then issue + email for each month.
const activitiesPerCustomer = 1 + 2 * months;

Runtime.install({ logger: new DefaultLogger('WARN') });
const log = (line: string) => console.log(line);

async function waitFor(what: string, total: number, progress: () => Promise<number>): Promise<number> {
  const started = performance.now();
  let last = -1;
  for (;;) {
    const done = await progress();
    if (done !== last) log(`  ${what}: ${done}/${total} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    last = done;
    if (done >= total) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function startedBackDated(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, Math.min(now.getUTCDate(), 28)))
    .toISOString()
    .slice(0, 10);
}

await withScratchDatabase(async (databaseUrl) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uplink-bench-'));
  const server = await startTemporalDevServer({ dataDir, port: 17233, uiPort: 18233, log });
  const database = await openDatabase({ databaseUrl, dataDir, maxConnections: 20 });
  await migrateDatabase(database);
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  try {
    log(`Baseline: ${customerCount} workflows x ${activitiesPerCustomer} no-op activities`);
    const baselineWorker = await Worker.create({
      connection: nativeConnection,
      taskQueue: 'bench-baseline',
      workflowsPath: new URL('./baseline-workflow.ts', import.meta.url).pathname,
      activities: baselineActivities,
    });
    const baselineSeconds = await baselineWorker.runUntil(async () => {
      const started = performance.now();
      const handles = await Promise.all(
        Array.from({ length: customerCount }, (_, i) =>
          client.workflow.start(noopBaseline, { workflowId: `bench-baseline/${i}`, taskQueue: 'bench-baseline', args: [activitiesPerCustomer] }),
        ),
      );
      let finished = 0;
      const results = Promise.all(handles.map((handle) => handle.result().then(() => (finished += 1))));
      await waitFor('baseline workflows done', customerCount, async () => finished);
      await results;
      return (performance.now() - started) / 1000;
    });

    log(`Billing: ${customerCount} customers back-dated ${months} months`);
    const ctx = { db: database.db, temporal: client };
    const worker = await createBillingWorker({
      connection: nativeConnection,
      namespace: 'default',
      activities: createActivities({
        db: database.db,
        email: createOutboxTransport(),
        emailFrom: 'billing@uplink.bench',
        staffAlertEmail: 'staff@uplink.bench',
        companyName: 'Bench ISP',
        portalUrl: 'http://127.0.0.1:3000',
        timeZone: 'UTC',
        replyAddresses: { domain: 'reply.uplink.bench', secret: 'bench-reply-secret-nobody-replies-to' },
      }),
    });
    const billingSeconds = await worker.runUntil(async () => {
      const plan = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
      const startDate = startedBackDated();
      const timing = performance.now();
      // Created through the same service as staff use, 50 at a time (the baseline starts its
      // workflows concurrently too); billing starts while the rest are still being created.
      for (let first = 0; first < customerCount; first += 50) {
        const batch = Array.from({ length: Math.min(50, customerCount - first) }, (_, k) => first + k);
        await Promise.all(
          batch.map((i) =>
            createCustomer(ctx, { name: `Customer ${i}`, email: `c${i}@bench.example`, currency: 'EUR', planId: plan.id, startDate }),
          ),
        );
        log(`  customers created: ${first + batch.length}/${customerCount}`);
      }
      const total = customerCount * months;
      await waitFor('invoices', total, async () => (await database.db.select({ n: count() }).from(invoices))[0]?.n ?? 0);
      return (performance.now() - timing) / 1000;
    });

    const invoicesPerSecond = (customerCount * months) / billingSeconds;
    const baselinePerSecond = (customerCount * months) / baselineSeconds;
    log('');
    log(`billing run    ${customerCount * months} invoices in ${billingSeconds.toFixed(1)} s = ${invoicesPerSecond.toFixed(1)} invoices/s`);
    log(`baseline       the same ${customerCount * activitiesPerCustomer} no-op activities in ${baselineSeconds.toFixed(1)} s = ${baselinePerSecond.toFixed(1)} invoice-equivalents/s`);
    log(`ratio          billing / baseline = ${(invoicesPerSecond / baselinePerSecond).toFixed(2)} (1.00 = billing costs nothing beyond Temporal itself)`);
    log('Both ran on the same local Temporal dev server (SQLite, one connection): its throughput is the ceiling here.');
  } finally {
    await connection.close();
    await nativeConnection.close();
    await database.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
