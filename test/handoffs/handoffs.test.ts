// The outbox between a commit and the account workflow, on a real Temporal dev server with the
// real worker and Postgres: a request killed right after its commit, and hand-offs delivered twice
// and out of order, each end with the workflow knowing exactly once.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../billing/calendar.js';
import { issueItemInvoice } from '../../db/records/item-invoices.js';
import { invoices, workflowHandoffs } from '../../db/schema.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { deliverHandoffs } from '../../server/services/handoffs/deliver-handoffs.js';
import { startHandoffRelay } from '../../server/services/handoffs/handoff-relay.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { accountHandoffSignal, statusQuery } from '../../workflows/messages.js';
import { eventually } from '../support/eventually.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const DYING_REQUEST = fileURLToPath(new URL('../support/dying-after-commit.ts', import.meta.url));
let harness: WorkflowHarness;
let customersCreated = 0;

beforeAll(async () => {
  // The relay is run by each test when it wants delivery, so each can look at the outbox first.
  harness = await createWorkflowHarness('local', {}, { relay: false });
});

afterAll(async () => {
  await harness?.dispose();
});

function status(customerId: string) {
  return accountWorkflow(harness.ctx, customerId).query(statusQuery);
}

function undelivered(customerId: string) {
  return harness.ctx.db
    .select()
    .from(workflowHandoffs)
    .where(and(eq(workflowHandoffs.customerId, customerId), isNull(workflowHandoffs.deliveredAt)));
}

/** How often the account workflow read a posted document: once per fact it applied. */
async function appliedDocumentFacts(customerId: string): Promise<number> {
  const history = await accountWorkflow(harness.ctx, customerId).fetchHistory();
  return (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'postedDocument').length;
}

function runDyingRequest(env: Record<string, string>): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', DYING_REQUEST], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal ? resolve(signal) : reject(new Error(`request exited with ${code}: ${stderr}`))));
  });
}

describe('hand-offs to the account workflow', () => {
  it('reach the workflow once when the request is killed right after its commit', async () => {
    const plan = await createPlan(harness.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer } = await createCustomer(harness.ctx, { name: 'Killed Request', email: `killed+${customersCreated++}@example.net`, currency: 'EUR' });
      await eventually(async () => expect((await status(customer.id)).status).toBe('pending'));

      const today = new Date().toISOString().slice(0, 10);
      const signal = await runDyingRequest({ DATABASE_URL: harness.database.url, CUSTOMER_ID: customer.id, PLAN_ID: plan.id, START_DATE: today });
      expect(signal).toBe('SIGKILL');
      // Committed, and never told: the workflow still waits for a plan.
      const waiting = await undelivered(customer.id);
      expect(waiting.map((handoff) => handoff.payload)).toEqual([{ kind: 'subscription-started', subscriptionId: expect.any(String) }]);
      expect((await status(customer.id)).status).toBe('pending');

      const relay = startHandoffRelay(harness.ctx, { idleMs: 100, log: () => {} });
      try {
        const view = await eventually(async () => {
          const current = await status(customer.id);
          expect(current.status).toBe('active');
          return current;
        });
        expect(view.planId).toBe(plan.id);
        expect(view.handoffsAppliedThrough).toBe(2);
        expect(await undelivered(customer.id)).toEqual([]);
      } finally {
        await relay.stop();
      }
    });
  });

  it('apply each fact once, whether delivered twice, out of order, or both', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer } = await createCustomer(harness.ctx, { name: 'Twice Told', email: `twice+${customersCreated++}@example.net`, currency: 'EUR' });
      await eventually(async () => expect((await status(customer.id)).handoffsAppliedThrough).toBe(1));
      // Two one-off invoices posted: facts 2 and 3 of this account, not delivered yet.
      for (const amount of [8000n, 2000n]) {
        await harness.ctx.db.transaction((tx) =>
          issueItemInvoice(tx, {
            invoiceId: randomUUID(),
            customerId: customer.id,
            currency: 'EUR',
            issueDate: '2026-11-25' as IsoDate,
            lines: [{ itemId: null, description: 'Router swap', quantity: '1', unitAmountMinor: amount, taxRate: '0', revenueAccountCode: '4200' }],
          }),
        );
      }
      const facts = await undelivered(customer.id);
      expect(facts.map((handoff) => handoff.sequence)).toEqual([2, 3]);
      const [second, third] = facts.map((handoff) => ({ sequence: handoff.sequence!, fact: handoff.payload as never }));

      // The later one first, then it again, then the earlier one: as a slow relay and a fast one might.
      const account = accountWorkflow(harness.ctx, customer.id);
      await account.signal(accountHandoffSignal, third!);
      await account.signal(accountHandoffSignal, third!);
      await account.signal(accountHandoffSignal, second!);
      // And the relay still delivers both, as it would after dying before recording its deliveries.
      await eventually(async () => {
        await deliverHandoffs(harness.ctx);
        expect(await undelivered(customer.id)).toEqual([]);
      });

      const view = await eventually(async () => {
        const current = await status(customer.id);
        expect(current.handoffsAppliedThrough).toBe(3);
        expect(current.balance).toEqual({ amountMinor: '10000', currency: 'EUR' });
        return current;
      });
      expect(view.lastPostedDocument?.balance).toEqual({ amountMinor: '10000', currency: 'EUR' });
      // Received is not yet applied: the account may still be on the first invoice's payment steps.
      await eventually(async () => expect(await appliedDocumentFacts(customer.id)).toBe(2));
      const posted = await harness.ctx.db.select().from(invoices).where(eq(invoices.customerId, customer.id));
      expect(posted).toHaveLength(2);
    });
  });
});
