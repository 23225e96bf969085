// `npx tsx test/replay/record-billing-block-histories.ts`: records an account workflow run whose
// invoice the database refuses: it blocks (search attribute, staff alert), staff fix the price
// and resume it, and it bills the missed period. CI replays it, so a change to the blocking path
// that would break an account waiting for staff fails there. Kept apart from record-history.ts so
// the older recordings stay as they were made.
import { writeFile } from 'node:fs/promises';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { resumeBilling } from '../../server/services/customers/billing-blocks.js';
import { invoicesOf } from '../support/billing-records.js';
import { eventually } from '../support/eventually.js';
import { monthlyBoundary } from '../support/month-arithmetic.js';
import { createPoisonedAccount } from '../support/poisoned-account.js';
import { createMigratedDatabase, templateDatabase } from '../support/postgres-admin.js';
import { createWorkflowHarness } from '../support/workflow-harness.js';
import { BillingBlockedAttribute } from '../../workflows/messages.js';

// Test databases are copies of a migrated template, which `vitest run` makes; made here too.
process.env.UPLINK_TEST_TEMPLATE ??= 'uplink_replay_recording_template';
await createMigratedDatabase(templateDatabase());
const harness = await createWorkflowHarness();
try {
  const worker = await harness.worker();
  await worker.runUntil(async () => {
    const now = new Date(await harness.env.currentTimeMs());
    const startDate = monthlyBoundary(now.getUTCFullYear(), now.getUTCMonth() + 1, -1, 1);
    const { customer, fixPrice } = await createPoisonedAccount(harness.ctx, { name: 'Replay Customer', email: 'replay@example.net', startDate });
    const handle = accountWorkflow(harness.ctx, customer.id);
    await eventually(async () => {
      if ((await handle.describe()).typedSearchAttributes.get(BillingBlockedAttribute) !== true) throw new Error('not blocked yet');
    });
    const blockedRunId = (await handle.describe()).runId;
    await fixPrice();
    await resumeBilling(harness.ctx, customer.id, { note: 'price corrected' });
    await eventually(async () => {
      if ((await invoicesOf(harness.ctx.db, customer.id)).length === 0) throw new Error('missed period not billed yet');
      if ((await handle.describe()).runId === blockedRunId) throw new Error('has not continued as new yet');
    });

    const history = await harness.ctx.temporal.workflow.getHandle(handle.workflowId, blockedRunId).fetchHistory();
    const file = new URL('./histories/customer-account.billing-blocked-resumed.json', import.meta.url);
    await writeFile(file, historyToJSON(history));
    console.log(`recorded ${history.events?.length ?? 0} events to ${file.pathname}`);
  });
} finally {
  await harness.dispose();
}
