// `npm run replay:record`: runs customerAccount through a realistic life on the time-skipping
// server (back-dated catch-up, continue-as-new, a plan change applied at a period end, a
// cancellation with a prorated final invoice) and writes each run's event history to
// test/replay/histories/. Replaying them in CI catches a workflow change that breaks determinism.
// Re-record only when a change is deliberate and running workflows are migrated (see patched()).
import { writeFile } from 'node:fs/promises';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { cancelSubscription, changePlan } from '../../server/services/subscriptions/subscription-changes.js';
import { statusQuery } from '../../workflows/messages.js';
import { eventually } from '../support/eventually.js';
import { createMigratedDatabase, templateDatabase } from '../support/postgres-admin.js';
import { createWorkflowHarness } from '../support/workflow-harness.js';

// Recordings of runs that took plan changes and cancellation as Updates and facts as hand-offs;
// those of earlier runs (signals) stay beside them and are replayed too.
const RECORDING = 'updates';

// Test databases are copies of a migrated template, which `vitest run` makes; made here too.
process.env.UPLINK_TEST_TEMPLATE ??= 'uplink_replay_recording_template';
await createMigratedDatabase(templateDatabase());
const harness = await createWorkflowHarness();
try {
  const fibre = await createPlan(harness.ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  const business = await createPlan(harness.ctx, { name: 'Business 1G', amount: 9900, currency: 'EUR', interval: 'month' });
  const now = new Date(await harness.env.currentTimeMs());
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 15)).toISOString().slice(0, 10);
  const worker = await harness.worker();
  await worker.runUntil(async () => {
    const { customer } = await createCustomer(harness.ctx, {
      name: 'Replay Customer',
      email: 'replay@example.net',
      currency: 'EUR',
      planId: fibre.id,
      startDate: start,
      billingDay: 1,
    });
    const handle = accountWorkflow(harness.ctx, customer.id);
    const firstRunId = (await handle.describe()).runId;
    await eventually(async () => {
      if ((await handle.describe()).runId === firstRunId) throw new Error('first run has not continued as new yet');
    });

    await changePlan(harness.ctx, customer.id, business.id);
    await harness.env.sleep('35 days');
    await eventually(async () => {
      if ((await handle.query(statusQuery)).planId !== business.id) throw new Error('plan change not applied yet');
    });
    const planChangedRunId = (await handle.describe()).runId;
    await harness.env.sleep('12 days');
    await cancelSubscription(harness.ctx, customer.id);
    await eventually(async () => {
      const described = await handle.describe();
      if (described.status.name !== 'COMPLETED') throw new Error('not completed yet');
    });
    const finalRunId = (await handle.describe()).runId;

    const runs = { 'back-dated-catch-up': firstRunId, 'plan-change-applied': planChangedRunId, 'cancelled': finalRunId };
    for (const [name, runId] of Object.entries(runs)) {
      const history = await harness.ctx.temporal.workflow.getHandle(handle.workflowId, runId).fetchHistory();
      const file = new URL(`./histories/customer-account.${RECORDING}.${name}.json`, import.meta.url);
      await writeFile(file, historyToJSON(history));
      console.log(`recorded ${history.events?.length ?? 0} events to ${file.pathname}`);
    }
  });
} finally {
  await harness.dispose();
}
