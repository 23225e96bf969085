// A worker process is killed between storing an invoice and emailing it; another worker picks
// the cycle up. The customer still gets exactly one invoice (its metered data rated once), one ledger
// entry and one email.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerRates, meterReadings, meters, ratedUsage, rates } from '../../db/schema.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { statusQuery } from '../../workflows/messages.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { BUSINESS_RATE_COMPONENTS } from '../support/business-rate.js';
import { eventually } from '../support/eventually.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const CRASHING_WORKER = fileURLToPath(new URL('../support/crashing-worker.ts', import.meta.url));
let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await createWorkflowHarness('local');
});

afterAll(async () => {
  await harness?.dispose();
});

function runUntilKilled(env: NodeJS.ProcessEnv): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CRASHING_WORKER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, output }));
  });
}

it('finishes the cycle on another worker after the first is killed mid-cycle, billing and emailing once', { timeout: 150_000 }, async () => {
  const plan = await createPlan(harness.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  const today = new Date(await harness.env.currentTimeMs());
  const monthAgo = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, Math.min(today.getUTCDate(), 28)));
  const { customer } = await createCustomer(harness.ctx, {
    name: 'Grace Hopper',
    email: 'grace@example.net',
    currency: 'EUR',
    planId: plan.id,
    startDate: monthAgo.toISOString().slice(0, 10),
  });
  // Metered data too, read the day after the start (no worker runs yet): rated by the same step.
  const [rate] = await harness.ctx.db.insert(rates).values({ name: 'Data', currency: 'EUR', components: [BUSINESS_RATE_COMPONENTS[2]!] }).returning();
  await harness.ctx.db.insert(customerRates).values({ customerId: customer.id, rateId: rate!.id, effectiveFrom: monthAgo.toISOString().slice(0, 10) });
  const [data] = await harness.ctx.db.insert(meters).values({ customerId: customer.id, key: 'data', unit: 'GB', kind: 'delta' }).returning();
  const readAt = new Date(monthAgo.getTime() + 86_400_000).toISOString();
  await harness.ctx.db.insert(meterReadings).values({ meterId: data!.id, readAt, value: '120', consumption: '120', source: 'api' });

  const crashed = await runUntilKilled({
    ...process.env,
    TEMPORAL_ADDRESS: harness.env.address,
    DATABASE_URL: harness.database.url,
  });
  expect(crashed.signal, crashed.output).toBe('SIGKILL');
  const afterCrash = await billingRecordsOf(harness.ctx.db, customer.id);
  expect(afterCrash.invoices).toHaveLength(1);
  expect(afterCrash.entries).toHaveLength(1);
  expect(afterCrash.emails).toHaveLength(0);

  const worker = await harness.worker();
  await worker.runUntil(async () => {
    // The dead worker's email activity is retried once its 30-second start-to-close timeout
    // has passed, in real time on this server.
    await eventually(
      async () => {
        const records = await billingRecordsOf(harness.ctx.db, customer.id);
        expect(records.emails).toHaveLength(1);
      },
      { timeoutMs: 90_000, what: 'the email sent by the second worker' },
    );
    const records = await billingRecordsOf(harness.ctx.db, customer.id);
    expect(records.invoices).toHaveLength(1);
    expect(records.entries).toHaveLength(1);
    // 4900 for the plan + 120 GB of data: 100 × 2 + 20 × 1.5 + 100 flat = 330, rated once.
    expect(records.invoices[0]!.totalMinor).toBe(5230n);
    expect(await harness.ctx.db.select().from(ratedUsage).where(eq(ratedUsage.customerId, customer.id))).toHaveLength(1);
    const [reading] = await harness.ctx.db.select().from(meterReadings).where(eq(meterReadings.meterId, data!.id));
    expect(reading?.invoiceId).toBe(records.invoices[0]!.id);
    expect(records.emails[0]).toMatchObject({ kind: 'invoice-issued', entityId: records.invoices[0]!.id, status: 'outbox' });
    const status = await accountWorkflow(harness.ctx, customer.id).query(statusQuery);
    expect(status.invoicesIssued).toBe(1);
    expect(status.lastInvoice?.invoiceId).toBe(records.invoices[0]!.id);
    await accountWorkflow(harness.ctx, customer.id).terminate('test finished');
  });
});
