// `npx tsx test/replay/record-quote-histories.ts`: records the quote workflow's three lives (sent,
// then accepted into an invoice that is emailed and reported to the account; accepted while the
// workflow was still marking it sent, and delivered all the same; sent, reminded, then expired) so
// CI replays them against the current workflow code. Re-record only for a deliberate
// change with running quotes migrated (see patched()).
import { writeFile } from 'node:fs/promises';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createItem } from '../../server/services/catalog/items.js';
import { decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { createQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { quoteWorkflowId } from '../../workflows/quote-messages.js';
import { eventually } from '../support/eventually.js';
import { createMigratedDatabase, templateDatabase } from '../support/postgres-admin.js';
import { createWorkflowHarness } from '../support/workflow-harness.js';

// Test databases are copies of a migrated template, which `vitest run` makes; made here too.
process.env.UPLINK_TEST_TEMPLATE ??= 'uplink_replay_recording_template';
await createMigratedDatabase(templateDatabase());
const harness = await createWorkflowHarness();
try {
  const visit = await createItem(harness.ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8000, currency: 'EUR', taxRate: '21' });
  const { customer } = await createCustomer(harness.ctx, { name: 'Replay Customer', email: 'replay@example.net', currency: 'EUR' });
  const newQuote = async (validUntil: string) => {
    const quote = await createQuote(harness.ctx, { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '2' }], validUntil });
    await sendQuote(harness.ctx, quote.id);
    return quote;
  };
  const ended = (quoteId: string) =>
    eventually(async () => {
      if ((await harness.ctx.temporal.workflow.getHandle(quoteWorkflowId(quoteId)).describe()).status.name !== 'COMPLETED') throw new Error('still running');
    });
  const record = async (name: string, quoteId: string) => {
    const history = await harness.ctx.temporal.workflow.getHandle(quoteWorkflowId(quoteId)).fetchHistory();
    const file = new URL(`./histories/quote.${name}.json`, import.meta.url);
    await writeFile(file, historyToJSON(history));
    console.log(`recorded ${history.events?.length ?? 0} events to ${file.pathname}`);
  };

  // Holds the workflow's own "mark sent" back while a quote is accepted, when asked to.
  let markSentHeld: Promise<void> | null = null;
  let markSentStarted = () => {};
  const worker = await harness.worker((real) => ({
    async markQuoteSent(...args: Parameters<typeof real.markQuoteSent>) {
      markSentStarted();
      if (markSentHeld) await markSentHeld;
      return real.markQuoteSent(...args);
    },
  }));
  await worker.runUntil(async () => {
    const today = isoDateFromEpochMs(await harness.env.currentTimeMs());
    const accepted = await newQuote(addDays(today, 20));
    await decideQuote(harness.ctx, { quoteId: accepted.id, decision: 'accept', via: 'portal' });
    await ended(accepted.id);
    await record('accepted', accepted.id);

    let release = () => {};
    markSentHeld = new Promise((resolve) => (release = resolve));
    const started = new Promise<void>((resolve) => (markSentStarted = resolve));
    const early = await newQuote(addDays(today, 20));
    await started;
    await decideQuote(harness.ctx, { quoteId: early.id, decision: 'accept', via: 'portal' });
    markSentHeld = null;
    release();
    await ended(early.id);
    await record('accepted-while-sending', early.id);

    const expiring = await newQuote(addDays(today, 10));
    await harness.env.sleep('12 days');
    await ended(expiring.id);
    await record('reminded-expired', expiring.id);
  });
} finally {
  await harness.dispose();
}
