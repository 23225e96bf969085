// `npx tsx test/replay/record-document-histories.ts`: records a one-off invoice's delivery and the
// account workflow receiving it (by hand-off), so CI replays those paths too. Kept apart from
// record-history.ts so the account's older recordings stay as they were made; the recordings from
// before hand-offs (the documentPosted signal) stay beside these and are replayed too.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { issueItemInvoice } from '../../db/records/item-invoices.js';
import type { IsoDate } from '../../billing/calendar.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { deliverPostedDocumentHandoffs, handOffDocumentDelivery } from '../../server/services/invoices/document-delivery.js';
import { deliveryWorkflowId } from '../../workflows/deliver-document.js';
import { statusQuery } from '../../workflows/messages.js';
import { eventually } from '../support/eventually.js';
import { createMigratedDatabase, templateDatabase } from '../support/postgres-admin.js';
import { createWorkflowHarness } from '../support/workflow-harness.js';

// Test databases are copies of a migrated template, which `vitest run` makes; made here too.
process.env.UPLINK_TEST_TEMPLATE ??= 'uplink_replay_recording_template';
await createMigratedDatabase(templateDatabase());
const harness = await createWorkflowHarness();
try {
  const worker = await harness.worker();
  await worker.runUntil(async () => {
    const { customer } = await createCustomer(harness.ctx, { name: 'Replay Customer', email: 'replay@example.net', currency: 'EUR' });
    const invoice = await harness.ctx.db.transaction(async (tx) => {
      const issued = await issueItemInvoice(tx, {
        invoiceId: randomUUID(),
        customerId: customer.id,
        currency: 'EUR',
        issueDate: '2026-11-25' as IsoDate,
        lines: [{ itemId: null, description: 'Technician visit', quantity: '1.5', unitAmountMinor: 6000n, taxRate: '21', revenueAccountCode: '4200' }],
      });
      await handOffDocumentDelivery(tx, { kind: 'invoice', documentId: issued.invoiceId, customerId: customer.id });
      return issued;
    });
    const delivery = { kind: 'invoice' as const, documentId: invoice.invoiceId, customerId: customer.id };
    await deliverPostedDocumentHandoffs(harness.ctx, delivery);
    const deliveryHandle = harness.ctx.temporal.workflow.getHandle(deliveryWorkflowId(delivery));
    await deliveryHandle.result();
    const account = accountWorkflow(harness.ctx, customer.id);
    await eventually(async () => {
      if (!(await account.query(statusQuery)).lastPostedDocument) throw new Error('the account has not recorded the invoice yet');
    });

    const recordings = { 'customer-account.handoff-document-posted': account, 'deliver-document.invoice-handed-off': deliveryHandle };
    for (const [name, handle] of Object.entries(recordings)) {
      const history = await handle.fetchHistory();
      const file = new URL(`./histories/${name}.json`, import.meta.url);
      await writeFile(file, historyToJSON(history));
      console.log(`recorded ${history.events?.length ?? 0} events to ${file.pathname}`);
    }
  });
} finally {
  await harness.dispose();
}
