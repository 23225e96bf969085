// `uplink customers create --payment-terms-days` against the real stack: the customer's own terms
// are stored and shown, and terms outside 0..365 days are refused naming the option, storing nothing.
import type { Worker } from '@temporalio/worker';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../db/schema.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';
import { jsonOf, runUplink } from './run-uplink.js';

let stack: WorkflowHarness;
let worker: Worker;
let working: Promise<void>;
let env: Record<string, string>;

beforeAll(async () => {
  stack = await createWorkflowHarness('local');
  worker = await stack.worker();
  working = worker.run();
  env = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_NAMESPACE: stack.env.namespace ?? 'default' };
});

afterAll(async () => {
  worker?.shutdown();
  await working;
  await stack?.dispose();
});

const uplink = (...args: string[]) => runUplink(args, { env });

describe('uplink customers create --payment-terms-days', () => {
  it("stores the customer's own terms and shows them, or the company default without the option", async () => {
    const own = jsonOf<{ id: string; paymentTermsDays: number | null }>(
      await uplink('customers', 'create', '--name', 'Net Thirty', '--email', 'thirty@example.org', '--currency', 'EUR', '--payment-terms-days', '30', '--json'),
    );
    expect(own.paymentTermsDays).toBe(30);
    const [stored] = await stack.ctx.db.select({ days: customers.paymentTermsDays }).from(customers).where(eq(customers.id, own.id));
    expect(stored?.days).toBe(30);
    expect((await uplink('customers', 'show', own.id)).stdout).toMatch(/payment terms\s+Net 30/);

    const onDefault = jsonOf<{ id: string; paymentTermsDays: number | null }>(
      await uplink('customers', 'create', '--name', 'Default Terms', '--email', 'default@example.org', '--currency', 'EUR', '--json'),
    );
    expect(onDefault.paymentTermsDays).toBeNull();
    expect((await uplink('customers', 'show', onDefault.id)).stdout).toMatch(/payment terms\s+company default/);
  });

  it('refuses terms outside 0..365 days (exit 3) naming the option, storing nothing', async () => {
    const [tooLong, notANumber] = await Promise.all([
      uplink('customers', 'create', '--name', 'Too Long', '--email', 'long@example.org', '--currency', 'EUR', '--payment-terms-days', '400'),
      uplink('customers', 'create', '--name', 'Not A Number', '--email', 'nan@example.org', '--currency', 'EUR', '--payment-terms-days', 'net30'),
    ]);
    expect(tooLong.code).toBe(3);
    expect(tooLong.stderr).toContain('error: paymentTermsDays (--payment-terms-days): must be between 0 (due on receipt) and 365 days');
    expect(notANumber.code).toBe(3);
    expect(notANumber.stderr).toContain('error: paymentTermsDays (--payment-terms-days): must be a whole number');
    for (const name of ['Too Long', 'Not A Number']) {
      const [row] = await stack.ctx.db.select({ n: count() }).from(customers).where(eq(customers.name, name));
      expect(row?.n, name).toBe(0);
    }
  });
});
