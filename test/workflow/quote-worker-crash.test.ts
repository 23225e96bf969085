// A worker process is killed the instant it has committed a quote's acceptance (the invoice issued
// and booked), before Temporal hears that the acceptance finished; another worker takes over. The
// customer still gets exactly one invoice with the quote's lines, one ledger entry, one email of
// each kind, and asking again answers with that same invoice.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { invoiceLines, quoteLines } from '../../db/schema.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createItem } from '../../server/services/catalog/items.js';
import { DECISION_DEADLINE_MS, DECISION_TIMED_OUT, decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { createQuote, getQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { statusQuery } from '../../workflows/messages.js';
import { quoteWorkflowId } from '../../workflows/quote-messages.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { eventually } from '../support/eventually.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

const CRASHING_WORKER = fileURLToPath(new URL('../support/crashing-worker.ts', import.meta.url));
let harness: WorkflowHarness;

beforeAll(async () => {
  // A real server in real time: a dead worker's activity times out and is retried elsewhere.
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

/** A Temporal call with a deadline: one left unanswered must not linger past the test. */
function withDeadline<T>(call: () => Promise<T>): Promise<T> {
  return harness.ctx.temporal.connection.withDeadline(Date.now() + 5_000, call);
}

/** What a quote line and the invoice line made from it must share. */
function comparable(line: typeof invoiceLines.$inferSelect | typeof quoteLines.$inferSelect) {
  const { itemId, description, quantity, unitAmountMinor, amountMinor, taxRate, taxMinor, revenueAccountCode } = line;
  return { itemId, description, quantity, unitAmountMinor, amountMinor, taxRate, taxMinor, revenueAccountCode };
}

it('finishes an acceptance on another worker after the first dies right after committing it: one invoice, one entry, each email once', { timeout: 180_000 }, async () => {
  const visit = await createItem(harness.ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8000, currency: 'EUR', taxRate: '21' });
  const router = await createItem(harness.ctx, { name: 'Router', kind: 'part', unitPrice: 12999, currency: 'EUR', taxRate: '7.7' });
  const { customer } = await createCustomer(harness.ctx, { name: 'Katherine Johnson', email: 'katherine@example.net', currency: 'EUR' });
  // Net 120.00 + 129.99 = 249.99; tax 25.20 + 10.01 = 35.21; total 285.20.
  const quote = await createQuote(harness.ctx, {
    customerId: customer.id,
    lines: [
      { itemId: visit.id, quantity: '1.5' },
      { itemId: router.id, quantity: 1, description: 'Fibre router (replacement)' },
    ],
    validDays: 30,
  });
  expect(quote.total).toEqual({ amountMinor: 28520n, currency: 'EUR' });

  const crashed = runUntilKilled({
    ...process.env,
    TEMPORAL_ADDRESS: harness.env.address,
    DATABASE_URL: harness.database.url,
    CRASH_AFTER_ACTIVITY: 'acceptQuote',
  });
  await sendQuote(harness.ctx, quote.id);
  await eventually(
    async () => {
      const { emails } = await billingRecordsOf(harness.ctx.db, customer.id);
      expect(emails.filter((email) => email.kind === 'quote-sent' && email.status !== 'pending')).toHaveLength(1);
    },
    { what: 'the quote emailed by the first worker' },
  );

  // The customer accepts; the worker dies with the acceptance committed and not yet reported.
  // Nothing can report it before the dead worker's 30-second start-to-close timeout has passed,
  // so the customer's call gives up at its deadline first, saying to try again.
  expect(DECISION_DEADLINE_MS, 'the decision deadline is shorter than the activity timeout').toBeLessThan(30_000);
  const firstAnswer = decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal', customerId: customer.id }).then(
    (decided) => ({ decided }),
    (error: unknown) => ({ error }),
  );
  const killed = await crashed;
  expect(killed.signal, killed.output).toBe('SIGKILL');

  const afterCrash = await billingRecordsOf(harness.ctx.db, customer.id);
  expect(afterCrash.invoices).toHaveLength(1);
  expect(afterCrash.entries).toHaveLength(1);
  expect(afterCrash.emails.map((email) => email.kind)).toEqual(['quote-sent']);
  const invoice = afterCrash.invoices[0]!;
  expect(invoice).toMatchObject({ kind: 'one_off', currency: 'EUR', totalMinor: 28520n, taxMinor: 3521n });

  // Asking again while no worker runs: the record already holds the decision and its invoice.
  const askedAgain = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal', customerId: customer.id });
  expect(askedAgain).toEqual({
    quoteId: quote.id,
    quoteNumber: quote.number,
    status: 'accepted',
    invoice: { id: invoice.id, number: invoice.number },
    alreadyDecided: true,
  });

  const worker = await harness.worker();
  await worker.runUntil(async () => {
    expect(await firstAnswer).toMatchObject({ error: { message: DECISION_TIMED_OUT } });
    // The dead worker's acceptance is retried once its start-to-close timeout has passed, in real
    // time; the retry finds its own commit and the workflow goes on from there.
    const account = await eventually(
      async () => {
        const view = await withDeadline(() => accountWorkflow(harness.ctx, customer.id).query(statusQuery));
        expect(view.lastPostedDocument?.documentId).toBe(invoice.id);
        return view;
      },
      { timeoutMs: 60_000, what: 'the account workflow to learn of the invoice' },
    );
    expect(account.lastPostedDocument).toMatchObject({ kind: 'invoice', number: invoice.number, total: { amountMinor: '28520', currency: 'EUR' } });
    expect(account.balance).toEqual({ amountMinor: '28520', currency: 'EUR' });

    const quoteRun = harness.ctx.temporal.workflow.getHandle(quoteWorkflowId(quote.id));
    await eventually(async () => expect((await withDeadline(() => quoteRun.describe())).status.name).toBe('COMPLETED'), {
      timeoutMs: 60_000,
      what: 'the quote workflow to end',
    });
    const ended = await quoteRun.result();
    expect(ended).toMatchObject({ phase: 'accepted', decision: { status: 'accepted', invoice: { id: invoice.id } } });
    // The acceptance that Temporal recorded is the second attempt: the one that found the first's commit.
    const { events } = await quoteRun.fetchHistory();
    const scheduled = events!.find((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'acceptQuote');
    const started = events!.find((event) => event.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled?.eventId?.toString());
    expect(started?.activityTaskStartedEventAttributes?.attempt).toBe(2);

    const records = await billingRecordsOf(harness.ctx.db, customer.id);
    expect(records.invoices.map((issued) => issued.id)).toEqual([invoice.id]);
    expect(records.entries).toHaveLength(1);
    expect(records.lines.reduce((sum, line) => sum + line.amountMinor, 0n)).toBe(0n);
    expect(records.lines.find((line) => line.accountCode === '1100')?.amountMinor).toBe(28520n);
    expect(records.emails.map((email) => email.kind).sort()).toEqual(['invoice-issued', 'quote-accepted', 'quote-sent']);
    expect(records.emails.find((email) => email.kind === 'invoice-issued')).toMatchObject({ entityId: invoice.id, recipient: customer.email });
    expect(records.emails.find((email) => email.kind === 'quote-accepted')).toMatchObject({ entityId: quote.id, recipient: customer.email });

    const billed = await harness.ctx.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(asc(invoiceLines.position));
    const quoted = await harness.ctx.db.select().from(quoteLines).where(eq(quoteLines.quoteId, quote.id)).orderBy(asc(quoteLines.position));
    expect(billed.map(comparable)).toEqual(quoted.map(comparable));
    expect(billed.map((line) => line.description)).toEqual(['Technician visit', 'Fibre router (replacement)']);

    expect(await getQuote(harness.ctx, quote.id)).toMatchObject({ status: 'accepted', decidedVia: 'portal', invoice: { id: invoice.id, number: invoice.number } });
    expect(await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'email' })).toMatchObject({
      status: 'accepted',
      invoice: { id: invoice.id },
      alreadyDecided: true,
    });
    await accountWorkflow(harness.ctx, customer.id).terminate('test finished');
  });
});
