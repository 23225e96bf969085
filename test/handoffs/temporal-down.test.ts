// Temporal down for a minute: changes committed meanwhile wait in the outbox, staff see them and
// their age, and once the server is back the relay delivers each to its workflow exactly once.
// Runs the project's own dev server (as `npm start` does), stopped and restarted on its data file.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import type { IsoDate } from '../../billing/calendar.js';
import { issueItemInvoice } from '../../db/records/item-invoices.js';
import { emailMessages, workflowHandoffs } from '../../db/schema.js';
import type { ServiceContext } from '../../server/services/context.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { startHandoffRelay, type HandoffRelay } from '../../server/services/handoffs/handoff-relay.js';
import { listUndeliveredHandoffs } from '../../server/services/handoffs/undelivered-handoffs.js';
import { deliverPostedDocumentHandoffs, handOffDocumentDelivery } from '../../server/services/invoices/document-delivery.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { subscribeCustomer } from '../../server/services/subscriptions/subscriptions.js';
import { startTemporalDevServer, type TemporalDevServer } from '../../server/temporal/dev-server.js';
import { createBillingWorker } from '../../server/worker.js';
import { statusQuery } from '../../workflows/messages.js';
import { eventually } from '../support/eventually.js';
import { testActivityDeps } from '../support/test-activity-deps.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { workflowBundle } from '../support/workflow-harness.js';
import { freePorts } from '../temporal-tooling/free-ports.js';

const DOWN_FOR_MS = 60_000;

let database: TestDatabase;
let dataDir: string;
let ports: [number, number];
let server: TemporalDevServer | undefined;
let clientConnection: Connection;
let ctx: ServiceContext;
let relay: HandoffRelay;
const relayLog: string[] = [];

async function startServer(): Promise<TemporalDevServer> {
  return startTemporalDevServer({ dataDir, port: ports[0], uiPort: ports[1] });
}

async function startWorker(): Promise<{ worker: Worker; running: Promise<void>; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: server!.address });
  const worker = await createBillingWorker({
    connection,
    namespace: 'default',
    activities: createActivities(testActivityDeps(database.handle.db)),
    workflowBundle: await workflowBundle(),
  });
  return { worker, running: worker.run(), connection };
}

async function stopWorker(running: { worker: Worker; running: Promise<void>; connection: NativeConnection }) {
  running.worker.shutdown();
  await running.running;
  await running.connection.close();
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-temporal-down-'));
  ports = (await freePorts(2)) as [number, number];
  server = await startServer();
  clientConnection = await Connection.connect({ address: server.address });
  ctx = { db: database.handle.db, temporal: new Client({ connection: clientConnection }) };
  relay = startHandoffRelay(ctx, { idleMs: 200, log: (line) => relayLog.push(line) });
});

afterAll(async () => {
  await relay?.stop();
  await clientConnection?.close();
  await server?.stop();
  await database?.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function undelivered(customerId: string) {
  return ctx.db
    .select()
    .from(workflowHandoffs)
    .where(and(eq(workflowHandoffs.customerId, customerId), isNull(workflowHandoffs.deliveredAt)));
}

describe('Temporal down for a minute', () => {
  it('keeps every committed change in the outbox, shows it to staff, and delivers each once when Temporal is back', { timeout: 300_000 }, async () => {
    const plan = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
    let worker = await startWorker();
    const { customer } = await createCustomer(ctx, { name: 'Outage Customer', email: 'outage@example.net', currency: 'EUR' });
    await eventually(async () => expect((await accountWorkflow(ctx, customer.id).query(statusQuery)).status).toBe('pending'));
    await stopWorker(worker);

    await server!.stop();
    const downSince = Date.now();
    // Committed while Temporal is down: both requests succeed, their hand-offs wait.
    const today = new Date().toISOString().slice(0, 10);
    await subscribeCustomer(ctx, customer.id, { planId: plan.id, startDate: today });
    const invoice = await ctx.db.transaction(async (tx) => {
      const issued = await issueItemInvoice(tx, {
        invoiceId: randomUUID(),
        customerId: customer.id,
        currency: 'EUR',
        issueDate: today as IsoDate,
        lines: [{ itemId: null, description: 'Router swap', quantity: '1', unitAmountMinor: 8000n, taxRate: '0', revenueAccountCode: '4200' }],
      });
      await handOffDocumentDelivery(tx, { kind: 'invoice', documentId: issued.invoiceId, customerId: customer.id });
      return issued;
    });
    await deliverPostedDocumentHandoffs(ctx, { kind: 'invoice', documentId: invoice.invoiceId, customerId: customer.id });

    const waiting = await eventually(async () => {
      const listed = (await listUndeliveredHandoffs(ctx)).filter((handoff) => handoff.customerId === customer.id);
      expect(listed.map((handoff) => handoff.summary).sort()).toEqual([`invoice ${invoice.invoiceId} posted`, 'start invoice/' + invoice.invoiceId, 'subscription-started'].sort());
      for (const handoff of listed) expect(handoff.lastError).not.toBeNull();
      return listed;
    });
    expect(waiting.every((handoff) => handoff.attempts >= 1)).toBe(true);
    expect(relayLog.filter((line) => line.includes('failing'))).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, DOWN_FOR_MS - (Date.now() - downSince))));
    expect((await listUndeliveredHandoffs(ctx)).filter((handoff) => handoff.customerId === customer.id)[0]!.ageSeconds).toBeGreaterThanOrEqual(55);
    server = await startServer();
    worker = await startWorker();
    try {
      const status = await eventually(
        async () => {
          const current = await accountWorkflow(ctx, customer.id).query(statusQuery);
          expect(current.status).toBe('active');
          expect(current.lastPostedDocument?.documentId).toBe(invoice.invoiceId);
          expect(await undelivered(customer.id)).toEqual([]);
          return current;
        },
        { timeoutMs: 90_000 },
      );
      expect(status.handoffsAppliedThrough).toBe(3);
      expect(status.balance).toEqual({ amountMinor: '8000', currency: 'EUR' });
      const emails = await eventually(async () => {
        const sent = await ctx.db.select().from(emailMessages).where(and(eq(emailMessages.entityId, invoice.invoiceId), eq(emailMessages.kind, 'invoice-issued')));
        expect(sent).toHaveLength(1);
        return sent;
      });
      expect(emails[0]!.recipient).toBe('outage@example.net');
      expect(relayLog.filter((line) => line.includes('delivered again'))).toHaveLength(1);
    } finally {
      await stopWorker(worker);
    }
  });
});
