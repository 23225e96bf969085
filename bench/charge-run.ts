// `npm run bench:charge -- --customers 200 --months 3`: what charging every invoice costs a billing
// run. The baseline is N customers back-dated M months with autopay off (M invoices each, nothing
// charged); then, in the same run, on the same Temporal dev server, database and worker, N more
// customers each save a card at the local Stripe stand-in and turn autopay on, so the account
// workflow charges every invoice as it is posted. It prints both wall times and their ratio, the
// peak RSS of this process (worker, stand-in, client) during each, and whether every invoice got
// exactly one payment. The stand-in answers at once; a real gateway's latency is not measured here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { and, count, countDistinct, eq, inArray } from 'drizzle-orm';
import { createActivities } from '../activities/index.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { saveDefaultCard, setAutopay } from '../db/records/cards.js';
import { invoiceBalances } from '../db/records/invoice-balances.js';
import { invoices, paymentAllocations, payments } from '../db/schema.js';
import { createOutboxTransport } from '../emails/outbox-transport.js';
import { startGatewayStandIn } from '../payments/stand-in/index.js';
import { createStripeGateway } from '../payments/stripe-gateway.js';
import { gatewayCustomerFor } from '../server/services/card-payments/card-setup.js';
import { createCustomer } from '../server/services/customers/customers.js';
import { startHandoffRelay } from '../server/services/handoffs/handoff-relay.js';
import { createPlan } from '../server/services/subscriptions/plans.js';
import { startTemporalDevServer } from '../server/temporal/dev-server.js';
import { createBillingWorker } from '../server/worker.js';
import { withScratchDatabase } from './scratch-database.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: process.env.BENCH_CUSTOMERS ?? '200' },
    months: { type: 'string', default: process.env.BENCH_MONTHS ?? '3' },
  },
});
const customerCount = Number(values.customers);
const months = Number(values.months);
const invoiceCount = customerCount * months;
const TIME_ZONE = 'UTC';

Runtime.install({ logger: new DefaultLogger('WARN') });
const log = (line: string) => console.log(line);

async function waitFor(what: string, total: number, progress: () => Promise<number>): Promise<void> {
  const started = performance.now();
  let last = -1;
  for (;;) {
    const done = await progress();
    if (done !== last) log(`  ${what}: ${done}/${total} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    last = done;
    if (done >= total) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The highest resident set size of this process seen while `work` runs (sampled every 100 ms). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMb: peak / (1024 * 1024) };
  } finally {
    clearInterval(sampler);
  }
}

function startedBackDated(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, Math.min(now.getUTCDate(), 28)))
    .toISOString()
    .slice(0, 10);
}

async function invoicesOf(db: Database, customerIds: string[]): Promise<string[]> {
  const rows = await db.select({ id: invoices.id }).from(invoices).where(inArray(invoices.customerId, customerIds));
  return rows.map((row) => row.id);
}

interface RunFigures {
  seconds: number;
  peakRssMb: number;
  invoices: number;
  payments: number;
}

async function countPayments(db: Database, customerIds: string[]): Promise<number> {
  const [row] = await db.select({ n: count() }).from(payments).where(inArray(payments.customerId, customerIds));
  return row?.n ?? 0;
}

await withScratchDatabase(async (databaseUrl) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uplink-bench-charge-'));
  const server = await startTemporalDevServer({ dataDir, port: 17243, uiPort: 18243, log });
  const database = await openDatabase({ databaseUrl, dataDir, maxConnections: 20 });
  await migrateDatabase(database);
  const standIn = await startGatewayStandIn();
  const gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const ctx = { db: database.db, temporal: client };
  const relay = startHandoffRelay(ctx, { idleMs: 250, log });
  try {
    // One worker for both runs, with the gateway: the baseline's customers have autopay off, so its
    // workflows take the same steps up to the charge and the difference is the charging itself.
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
        timeZone: TIME_ZONE,
        gateway,
        replyAddresses: { domain: 'reply.uplink.bench', secret: 'bench-reply-secret-nobody-replies-to' },
      }),
    });

    const { baseline, charged, check } = await worker.runUntil(async () => {
      const plan = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
      const startDate = startedBackDated();

      // Customers are created through the same service as staff use, 50 at a time; `prepare`
      // is what else each customer does before billing (the charged run saves a card and turns
      // autopay on, as a customer on the portal would).
      async function createRun(label: string, prepare: (customerId: string, i: number) => Promise<void>): Promise<string[]> {
        const ids: string[] = [];
        for (let first = 0; first < customerCount; first += 50) {
          const batch = Array.from({ length: Math.min(50, customerCount - first) }, (_, k) => first + k);
          const created = await Promise.all(
            batch.map(async (i) => {
              const { customer } = await createCustomer(ctx, {
                name: `${label} customer ${i}`,
                email: `${label}${i}@bench.example`,
                currency: 'EUR',
                planId: plan.id,
                startDate,
              });
              await prepare(customer.id, i);
              return customer.id;
            }),
          );
          ids.push(...created);
          log(`  ${label} customers created: ${first + batch.length}/${customerCount}`);
        }
        return ids;
      }

      log(`Baseline: ${customerCount} customers back-dated ${months} months, autopay off`);
      const baselineRun = await withPeakRss(async () => {
        const started = performance.now();
        const ids = await createRun('baseline', async () => {});
        await waitFor('invoices', invoiceCount, async () => (await invoicesOf(database.db, ids)).length);
        return { ids, seconds: (performance.now() - started) / 1000 };
      });

      log(`Charged: ${customerCount} customers back-dated ${months} months, a saved card each, autopay on`);
      const cardDeps = { db: database.db, gateway, timeZone: TIME_ZONE };
      const expYear = new Date().getUTCFullYear() + 3;
      const chargedRun = await withPeakRss(async () => {
        const started = performance.now();
        const ids = await createRun('charged', async (customerId) => {
          const gatewayCustomerId = await gatewayCustomerFor(cardDeps, customerId);
          const card = await standIn.controls.saveCard(gatewayCustomerId, { number: '4242424242424242', expMonth: 12, expYear, cvc: '123' });
          await database.db.transaction((tx) =>
            saveDefaultCard(tx, {
              customerId,
              gateway: gateway.provider,
              gatewayPaymentMethodId: card.id,
              brand: card.card.brand,
              last4: card.card.last4,
              expMonth: card.card.exp_month,
              expYear: card.card.exp_year,
            }),
          );
          await database.db.transaction((tx) => setAutopay(tx, customerId, true));
        });
        await waitFor('invoices', invoiceCount, async () => (await invoicesOf(database.db, ids)).length);
        await waitFor('invoices paid', invoiceCount, async () => {
          const balances = await invoiceBalances(database.db, await invoicesOf(database.db, ids));
          return balances.filter((balance) => balance.openMinor === 0n).length;
        });
        return { ids, seconds: (performance.now() - started) / 1000 };
      });

      // Exactly one payment per invoice: each invoice is settled by one payment's allocation, and
      // there are as many payments as invoices (no second charge, even one left unallocated).
      const chargedIds = chargedRun.result.ids;
      const perInvoice = await database.db
        .select({ invoiceId: invoices.id, paymentsOnIt: countDistinct(paymentAllocations.paymentId) })
        .from(invoices)
        .leftJoin(paymentAllocations, and(eq(paymentAllocations.invoiceId, invoices.id), eq(paymentAllocations.source, 'payment')))
        .where(inArray(invoices.customerId, chargedIds))
        .groupBy(invoices.id);
      const notExactlyOne = perInvoice.filter((row) => row.paymentsOnIt !== 1).length;
      const chargedPayments = await countPayments(database.db, chargedIds);

      const figures = async (run: typeof baselineRun): Promise<RunFigures> => ({
        seconds: run.result.seconds,
        peakRssMb: run.peakRssMb,
        invoices: (await invoicesOf(database.db, run.result.ids)).length,
        payments: await countPayments(database.db, run.result.ids),
      });
      return {
        baseline: await figures(baselineRun),
        charged: await figures(chargedRun),
        check: { invoices: perInvoice.length, notExactlyOne, payments: chargedPayments },
      };
    });

    const line = (label: string, run: RunFigures) =>
      `${label.padEnd(15)}${customerCount} customers, ${run.invoices} invoices, ${run.payments} payments in ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`;
    const passed = check.notExactlyOne === 0 && check.payments === check.invoices && check.invoices === invoiceCount;
    log('');
    log(line('baseline', baseline));
    log(line('charged', charged));
    log(`ratio          charged / baseline wall time = ${(charged.seconds / baseline.seconds).toFixed(2)} (1.00 = charging costs nothing)`);
    log(
      `check          ${passed ? 'PASS' : 'FAIL'}: ${check.invoices - check.notExactlyOne}/${check.invoices} invoices with exactly one payment, ${check.payments} payments for ${check.invoices} invoices`,
    );
    log('Both ran on the same local Temporal dev server (SQLite, one connection) and the local Stripe stand-in.');
    if (!passed) process.exitCode = 1;
  } finally {
    await relay.stop();
    await connection.close();
    await nativeConnection.close();
    await database.close();
    await standIn.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
