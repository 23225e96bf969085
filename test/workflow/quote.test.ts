// The quote workflow on the real time-skipping Temporal server, with the real worker and
// activities writing to a real Postgres database: accept, decline, reminder then expiry, and the
// refusals and repeats a customer can cause.
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { and, asc, eq } from 'drizzle-orm';
import { acceptQuote } from '../../activities/accept-quote.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { emailMessages, invoiceLines, invoices, journalEntries, journalLines, quoteLines, quotes } from '../../db/schema.js';
import { quoteReplyAddress } from '../../emails/reply-address.js';
import { accountWorkflow } from '../../server/services/customers/account-workflow.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { ConflictError, NotFoundError } from '../../server/services/errors.js';
import { createItem, type Item } from '../../server/services/catalog/items.js';
import { DECISION_TIMED_OUT, decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { createQuote, getQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { statusQuery } from '../../workflows/messages.js';
import { acceptQuoteUpdate, declineQuoteUpdate, quoteStatusQuery, quoteWorkflowId } from '../../workflows/quote-messages.js';
import { eventually } from '../support/eventually.js';
import { TEST_REPLY_ADDRESSES } from '../support/test-activity-deps.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let visit: Item;
let router: Item;
let customersCreated = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
  visit = await createItem(harness.ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8000, currency: 'EUR', taxRate: '21' });
  router = await createItem(harness.ctx, { name: 'Router', kind: 'part', unitPrice: 12999, currency: 'EUR', taxRate: '7.7' });
});

beforeEach(async () => {
  await harness.freshServer();
});

afterAll(async () => {
  await harness?.dispose();
});

/** Today on the test server's clock, which quotes are dated by (the service reads the real clock). */
async function serverToday(): Promise<string> {
  return isoDateFromEpochMs(await harness.env.currentTimeMs());
}

/**
 * A customer with a sent quote: 1.5 hours of a visit at 80.00 (21%) and a router at 129.99 (7.7%).
 * Net 120.00 + 129.99 = 249.99; tax 25.20 + 10.01 (10.00923 rounded) = 35.21; total 285.20.
 */
async function sentQuote(validUntil?: string) {
  const { customer } = await createCustomer(harness.ctx, { name: 'Ada Lovelace', email: `ada+${customersCreated++}@example.net`, currency: 'EUR' });
  const quote = await createQuote(harness.ctx, {
    customerId: customer.id,
    lines: [
      { itemId: visit.id, quantity: '1.5' },
      { itemId: router.id, quantity: 1, description: 'Fibre router (replacement)' },
    ],
    ...(validUntil ? { validUntil } : { validDays: 30 }),
    note: 'Replacing the router that failed on Monday.',
  });
  await sendQuote(harness.ctx, quote.id);
  await emailsOfKind(quote.id, 'quote-sent', 1);
  return { customer, quote };
}

async function emailsOfKind(entityId: string, kind: string, count: number) {
  return eventually(
    async () => {
      const found = await harness.ctx.db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.entityId, entityId), eq(emailMessages.kind, kind)));
      expect(found.filter((email) => email.status !== 'pending')).toHaveLength(count);
      return found;
    },
    { what: `${count} ${kind} email(s)` },
  );
}

function quoteWorkflow(quoteId: string) {
  return harness.ctx.temporal.workflow.getHandle(quoteWorkflowId(quoteId));
}

async function workflowEnded(quoteId: string) {
  await eventually(async () => expect((await quoteWorkflow(quoteId).describe()).status.name).toBe('COMPLETED'), { what: 'the quote workflow to end' });
}

async function invoicesOf(customerId: string) {
  return harness.ctx.db.select().from(invoices).where(eq(invoices.customerId, customerId));
}

/** A promise the test resolves by hand: holds an activity back until the test has done its part. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The sentence a workflow Update was refused with (the validator's, or the activity's under it). */
async function refusalOf(update: Promise<unknown>): Promise<string> {
  const error = await update.then(
    () => expect.fail('the update was not refused'),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  const refusal: Error | undefined = cause?.cause instanceof Error ? cause.cause : cause;
  return refusal?.message ?? '';
}

/** A customer's quote, created but not sent yet. */
async function draftQuote() {
  const { customer } = await createCustomer(harness.ctx, { name: 'Ada Lovelace', email: `ada+${customersCreated++}@example.net`, currency: 'EUR' });
  const quote = await createQuote(harness.ctx, { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '1' }], validDays: 30 });
  return { customer, quote };
}

describe('quote workflow', () => {
  it('emails the quote with its reply address; accepting issues one posted invoice with identical lines, emailed and confirmed once, and the account learns of it', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer, quote } = await sentQuote();
      expect(quote.total).toEqual({ amountMinor: 28520n, currency: 'EUR' });
      const [sentEmail] = await emailsOfKind(quote.id, 'quote-sent', 1);
      expect(sentEmail!.replyTo).toBe(quoteReplyAddress(quote.id, TEST_REPLY_ADDRESSES));
      expect(sentEmail!.recipient).toBe(customer.email);
      expect(sentEmail!.text).toContain('reply to this email with the word ACCEPT or DECLINE');
      expect(sentEmail!.text).toContain(`/account/quotes/${quote.id}`);
      expect(sentEmail!.text).toContain('Total: €285.20');
      expect((await getQuote(harness.ctx, quote.id)).status).toBe('sent');

      const decided = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal', customerId: customer.id });
      expect(decided).toMatchObject({ quoteId: quote.id, quoteNumber: quote.number, status: 'accepted', alreadyDecided: false });
      expect(decided.invoice?.number).toMatch(/^INV-\d{4}-\d{6}$/);

      const [invoice, ...others] = await invoicesOf(customer.id);
      expect(others).toHaveLength(0);
      expect(invoice).toMatchObject({ id: decided.invoice!.id, kind: 'one_off', totalMinor: 28520n, taxMinor: 3521n, currency: 'EUR' });
      const billed = await harness.ctx.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id)).orderBy(asc(invoiceLines.position));
      const quoted = await harness.ctx.db.select().from(quoteLines).where(eq(quoteLines.quoteId, quote.id)).orderBy(asc(quoteLines.position));
      const comparable = (line: { itemId: string | null; description: string; quantity: string; unitAmountMinor: bigint | null; amountMinor: bigint; taxRate: string | null; taxMinor: bigint; revenueAccountCode: string }) => ({
        itemId: line.itemId,
        description: line.description,
        quantity: line.quantity,
        unitAmountMinor: line.unitAmountMinor,
        amountMinor: line.amountMinor,
        taxRate: line.taxRate,
        taxMinor: line.taxMinor,
        revenueAccountCode: line.revenueAccountCode,
      });
      expect(billed.map(comparable)).toEqual(quoted.map(comparable));
      expect(billed.map((line) => line.description)).toEqual(['Technician visit', 'Fibre router (replacement)']);

      const entries = await harness.ctx.db.select().from(journalEntries).where(eq(journalEntries.sourceId, invoice!.id));
      expect(entries).toHaveLength(1);
      const postings = await harness.ctx.db.select().from(journalLines).where(eq(journalLines.entryId, entries[0]!.id));
      expect(postings.reduce((sum, line) => sum + line.amountMinor, 0n)).toBe(0n);
      expect(postings.find((line) => line.accountCode === '1100')?.amountMinor).toBe(28520n);

      await emailsOfKind(invoice!.id, 'invoice-issued', 1);
      await emailsOfKind(quote.id, 'quote-accepted', 1);
      const account = await eventually(async () => {
        const view = await accountWorkflow(harness.ctx, customer.id).query(statusQuery);
        expect(view.lastPostedDocument?.documentId).toBe(invoice!.id);
        return view;
      });
      expect(account.lastPostedDocument).toMatchObject({ kind: 'invoice', number: invoice!.number, total: { amountMinor: '28520', currency: 'EUR' } });
      expect(account.balance).toEqual({ amountMinor: '28520', currency: 'EUR' });

      await workflowEnded(quote.id);
      expect(await getQuote(harness.ctx, quote.id)).toMatchObject({ status: 'accepted', decidedVia: 'portal', invoice: decided.invoice });
    });
  });

  it('declines: no invoice, and accepting afterwards is refused with the reason', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer, quote } = await sentQuote();
      const declined = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'decline', via: 'email' });
      expect(declined).toEqual({ quoteId: quote.id, quoteNumber: quote.number, status: 'declined', invoice: null, alreadyDecided: false });
      await workflowEnded(quote.id);

      await expect(decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal' })).rejects.toThrow(
        new ConflictError(`Quote ${quote.number} was declined on ${new Date().toISOString().slice(0, 10)}; it can no longer be accepted.`),
      );
      expect(await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'decline', via: 'portal' })).toMatchObject({ status: 'declined', alreadyDecided: true });
      expect(await invoicesOf(customer.id)).toHaveLength(0);
      expect((await getQuote(harness.ctx, quote.id)).decidedVia).toBe('email');
    });
  });

  it('reminds before the quote runs out, expires it at the end of its last day, then refuses to accept it', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const validUntil = addDays(await serverToday(), 10);
      const { customer, quote } = await sentQuote(validUntil);

      // Three days before the end of the last valid day: the reminder, and nothing else.
      await harness.env.sleep('7 days');
      expect(await harness.ctx.db.select().from(emailMessages).where(eq(emailMessages.kind, 'quote-reminder'))).not.toContainEqual(
        expect.objectContaining({ entityId: quote.id }),
      );
      await harness.env.sleep('2 days');
      const [reminder] = await emailsOfKind(quote.id, 'quote-reminder', 1);
      expect(reminder!.subject).toContain('Reminder');
      expect(reminder!.replyTo).toBe(quoteReplyAddress(quote.id, TEST_REPLY_ADDRESSES));
      expect((await getQuote(harness.ctx, quote.id)).status).toBe('sent');

      await harness.env.sleep('3 days');
      await workflowEnded(quote.id);
      expect((await getQuote(harness.ctx, quote.id)).status).toBe('expired');
      await expect(decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'email', customerId: customer.id })).rejects.toThrow(
        new ConflictError(`Quote ${quote.number} expired on ${validUntil}; it can no longer be accepted.`),
      );
      await expect(sendQuote(harness.ctx, quote.id)).rejects.toThrow(ConflictError);
      expect(await invoicesOf(customer.id)).toHaveLength(0);
    });
  });

  it('expires a one-day quote at the end of that day, then refuses to decline it', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const validUntil = addDays(await serverToday(), 1);
      const { quote } = await sentQuote(validUntil);
      const status = await quoteWorkflow(quote.id).query(quoteStatusQuery);
      expect(status).toMatchObject({ phase: 'waiting', validUntil });
      await harness.env.sleep('3 days');
      await workflowEnded(quote.id);
      await expect(decideQuote(harness.ctx, { quoteId: quote.id, decision: 'decline', via: 'api' })).rejects.toThrow(
        `Quote ${quote.number} expired on ${validUntil}; it can no longer be declined.`,
      );
    });
  });

  it('accepts once when accepted twice at the same time, and answers a later accept from the record', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer, quote } = await sentQuote();
      const both = await Promise.all([
        decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal' }),
        decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'email' }),
      ]);
      expect(both.map((result) => result.alreadyDecided).sort()).toEqual([false, true]);
      expect(both[0]!.invoice).toEqual(both[1]!.invoice);
      await workflowEnded(quote.id);

      const later = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'staff' });
      expect(later).toEqual({ ...both[0], alreadyDecided: true });
      await expect(decideQuote(harness.ctx, { quoteId: quote.id, decision: 'decline', via: 'staff' })).rejects.toThrow(/was accepted on .*; it can no longer be declined\./);
      expect(await invoicesOf(customer.id)).toHaveLength(1);
      await emailsOfKind(both[0]!.invoice!.id, 'invoice-issued', 1);
      await emailsOfKind(quote.id, 'quote-accepted', 1);
    });
  });

  it('issues one invoice when the acceptance activity is retried after it committed (a worker lost mid-activity)', async () => {
    let attempts = 0;
    const worker = await harness.worker((real) => ({
      async acceptQuote(...args: Parameters<typeof real.acceptQuote>) {
        const result = await real.acceptQuote(...args);
        attempts += 1;
        // The invoice is committed, but the worker "dies" before reporting it: Temporal retries.
        if (attempts === 1) throw new Error('worker lost after the acceptance committed');
        return result;
      },
    }));
    await worker.runUntil(async () => {
      const { customer, quote } = await sentQuote();
      const decided = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal' });
      expect(attempts).toBe(2);
      expect(decided.alreadyDecided).toBe(false);
      const issued = await invoicesOf(customer.id);
      expect(issued.map((invoice) => invoice.id)).toEqual([decided.invoice!.id]);
    });
  });

  it('keeps waiting when the record refuses an acceptance, and still expires the quote on time', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer, quote } = await sentQuote(addDays(await serverToday(), 10));
      // Someone closed the quote behind the workflow's back (a manual fix in the database).
      await harness.ctx.db.update(quotes).set({ status: 'expired' }).where(eq(quotes.id, quote.id));
      const handle = quoteWorkflow(quote.id);
      await expect(handle.executeUpdate(acceptQuoteUpdate, { args: [{ via: 'portal' }] })).rejects.toThrow(WorkflowUpdateFailedError);
      expect(await handle.query(quoteStatusQuery)).toMatchObject({ phase: 'waiting', decision: null });
      expect(await invoicesOf(customer.id)).toHaveLength(0);

      await harness.env.sleep('12 days');
      await workflowEnded(quote.id);
      expect((await handle.query(quoteStatusQuery)).phase).toBe('expired');
    });
  });

  it('issues one invoice when the acceptance activity runs twice at once (two workers picking up a retry)', async () => {
    const { customer } = await createCustomer(harness.ctx, { name: 'Ada Lovelace', email: `ada+${customersCreated++}@example.net`, currency: 'EUR' });
    const quote = await createQuote(harness.ctx, { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '1' }] });
    await harness.ctx.db.update(quotes).set({ status: 'sent' }).where(eq(quotes.id, quote.id));
    const both = await Promise.all([
      acceptQuote(harness.ctx.db, quote.id, 'portal', '2026-11-25'),
      acceptQuote(harness.ctx.db, quote.id, 'portal', '2026-11-25'),
    ]);
    expect(both.map((result) => result.alreadyDecided).sort()).toEqual([false, true]);
    expect(both[0]!.invoice).toEqual(both[1]!.invoice);
    expect((await invoicesOf(customer.id)).map((invoice) => invoice.id)).toEqual([both[0]!.invoice!.id]);
    expect(await harness.ctx.db.select().from(journalEntries).where(eq(journalEntries.sourceId, both[0]!.invoice!.id))).toHaveLength(1);
  });

  it('hides a draft from its customer, and tells staff it has not been sent', async () => {
    const { customer } = await createCustomer(harness.ctx, { name: 'Ada Lovelace', email: `ada+${customersCreated++}@example.net`, currency: 'EUR' });
    const draft = await createQuote(harness.ctx, { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '1' }] });
    await expect(decideQuote(harness.ctx, { quoteId: draft.id, decision: 'accept', via: 'portal', customerId: customer.id })).rejects.toThrow(NotFoundError);
    await expect(decideQuote(harness.ctx, { quoteId: draft.id, decision: 'accept', via: 'staff' })).rejects.toThrow(
      new ConflictError(`Quote ${draft.number} has not been sent yet; it cannot be accepted.`),
    );
  });

  it('sends once however often it is sent, and refuses to send a quote that was decided', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { quote } = await sentQuote();
      await Promise.all([sendQuote(harness.ctx, quote.id), sendQuote(harness.ctx, quote.id)]);
      await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'decline', via: 'staff' });
      await workflowEnded(quote.id);
      await emailsOfKind(quote.id, 'quote-sent', 1);
      await expect(sendQuote(harness.ctx, quote.id)).rejects.toThrow(new ConflictError(`Quote ${quote.number} is already declined; it cannot be sent again.`));
    });
  });
  it('delivers the invoice of a quote accepted while its workflow was still marking it sent', async () => {
    const markStarted = gate();
    const markHeld = gate();
    const worker = await harness.worker((real) => ({
      async markQuoteSent(...args: Parameters<typeof real.markQuoteSent>) {
        markStarted.open();
        // The service has marked the quote sent already; the workflow's own read comes late.
        await markHeld.opened;
        return real.markQuoteSent(...args);
      },
    }));
    try {
      await worker.runUntil(async () => {
        const { customer, quote } = await draftQuote();
        await sendQuote(harness.ctx, quote.id);
        await markStarted.opened;
        const decided = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal', customerId: customer.id });
        expect(decided).toMatchObject({ status: 'accepted', alreadyDecided: false });
        markHeld.open();

        await emailsOfKind(decided.invoice!.id, 'invoice-issued', 1);
        await emailsOfKind(quote.id, 'quote-accepted', 1);
        await eventually(async () => {
          const view = await accountWorkflow(harness.ctx, customer.id).query(statusQuery);
          expect(view.lastPostedDocument?.documentId).toBe(decided.invoice!.id);
        });
        await workflowEnded(quote.id);
        expect(await quoteWorkflow(quote.id).query(quoteStatusQuery)).toMatchObject({ phase: 'accepted', decision: { invoice: decided.invoice } });
        expect(await invoicesOf(customer.id)).toHaveLength(1);
      });
    } finally {
      markHeld.open();
    }
  });

  it('answers an acceptance that waited on one the record refused with the same refusal, and still expires the quote', async () => {
    const acceptStarted = gate();
    const acceptHeld = gate();
    let calls = 0;
    const worker = await harness.worker((real) => ({
      async acceptQuote(...args: Parameters<typeof real.acceptQuote>) {
        if (++calls === 1) {
          acceptStarted.open();
          await acceptHeld.opened;
        }
        return real.acceptQuote(...args);
      },
    }));
    try {
      await worker.runUntil(async () => {
        const { customer, quote } = await sentQuote(addDays(await serverToday(), 10));
        // Closed behind the workflow's back (a manual fix in the database): the record refuses.
        await harness.ctx.db.update(quotes).set({ status: 'expired' }).where(eq(quotes.id, quote.id));
        const handle = quoteWorkflow(quote.id);
        const first = handle.executeUpdate(acceptQuoteUpdate, { args: [{ via: 'portal' }] });
        await acceptStarted.opened;
        const second = await handle.startUpdate(acceptQuoteUpdate, { args: [{ via: 'email' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
        acceptHeld.open();

        const refusal = `Quote ${quote.number} is expired; it can no longer be accepted.`;
        expect(await refusalOf(first)).toBe(refusal);
        expect(await refusalOf(second.result())).toBe(refusal);
        expect(await handle.query(quoteStatusQuery)).toMatchObject({ phase: 'waiting', decision: null });
        expect(await invoicesOf(customer.id)).toHaveLength(0);

        await harness.env.sleep('12 days');
        await workflowEnded(quote.id);
        expect((await handle.query(quoteStatusQuery)).phase).toBe('expired');
      });
    } finally {
      acceptHeld.open();
    }
  });

  it('never answers an acceptance with a decline: one waiting when the record refused the first is refused, not told it was declined; a decline asked while it is recorded waits for it, then declines', async () => {
    // The first two acceptance attempts are held, each until the test has done its part.
    const attemptStarted = [gate(), gate()];
    const attemptHeld = [gate(), gate()];
    let calls = 0;
    const worker = await harness.worker((real) => ({
      async acceptQuote(...args: Parameters<typeof real.acceptQuote>) {
        const call = calls++;
        if (call < attemptHeld.length) {
          attemptStarted[call]!.open();
          await attemptHeld[call]!.opened;
        }
        return real.acceptQuote(...args);
      },
    }));
    try {
      await worker.runUntil(async () => {
        const { customer, quote } = await sentQuote();
        // Declined behind the workflow's back: the record refuses acceptances, and takes a decline.
        await harness.ctx.db.update(quotes).set({ status: 'declined' }).where(eq(quotes.id, quote.id));
        const handle = quoteWorkflow(quote.id);
        const first = handle.executeUpdate(acceptQuoteUpdate, { args: [{ via: 'portal' }] });
        await attemptStarted[0]!.opened;
        const second = await handle.startUpdate(acceptQuoteUpdate, { args: [{ via: 'email' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
        attemptHeld[0]!.open();
        expect(await refusalOf(first)).toBe(`Quote ${quote.number} is declined; it can no longer be accepted.`);

        // The waiting acceptance tries itself. A decline asked while that attempt is being recorded
        // is admitted and waits for it: it is not refused for an acceptance that has not happened,
        // and it does not become the acceptance's answer.
        await attemptStarted[1]!.opened;
        const decline = await handle.startUpdate(declineQuoteUpdate, { args: [{ via: 'email' }], waitForStage: WorkflowUpdateStage.ACCEPTED });
        attemptHeld[1]!.open();
        expect(await refusalOf(second.result())).toBe(`Quote ${quote.number} is declined; it can no longer be accepted.`);
        expect(await decline.result()).toMatchObject({ status: 'declined', invoice: null });

        await workflowEnded(quote.id);
        expect(await invoicesOf(customer.id)).toHaveLength(0);
      });
    } finally {
      for (const held of attemptHeld) held.open();
    }
  });

  it('tells the caller to try again when the decision cannot be recorded in time, and the retry finds it recorded', async () => {
    const acceptStarted = gate();
    const acceptHeld = gate();
    let calls = 0;
    const worker = await harness.worker((real) => ({
      async acceptQuote(...args: Parameters<typeof real.acceptQuote>) {
        // The database is down: the activity does not finish (it would retry until it is back).
        if (++calls === 1) {
          acceptStarted.open();
          await acceptHeld.opened;
        }
        return real.acceptQuote(...args);
      },
    }));
    try {
      await worker.runUntil(async () => {
        const { customer, quote } = await sentQuote();
        const attempt = decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal', customerId: customer.id }, { deadlineMs: 3_000 });
        await acceptStarted.opened;
        const error = await attempt.then(
          () => expect.fail('the decision was answered while its activity was held'),
          (failure: unknown) => failure,
        );
        expect(error).not.toBeInstanceOf(ConflictError);
        expect((error as Error).message).toBe(DECISION_TIMED_OUT);
        expect((await getQuote(harness.ctx, quote.id)).status).toBe('sent');
        expect(await invoicesOf(customer.id)).toHaveLength(0);

        acceptHeld.open();
        const retried = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'portal', customerId: customer.id });
        expect(retried).toMatchObject({ status: 'accepted', alreadyDecided: true });
        expect((await invoicesOf(customer.id)).map((invoice) => invoice.id)).toEqual([retried.invoice!.id]);
        await emailsOfKind(retried.invoice!.id, 'invoice-issued', 1);
      });
    } finally {
      acceptHeld.open();
    }
  });

  it('restarts the workflow of a sent quote that staff terminated, without emailing the quote again, and decides it', async () => {
    const worker = await harness.worker();
    await worker.runUntil(async () => {
      const { customer, quote } = await sentQuote();
      await quoteWorkflow(quote.id).terminate('stopped by staff in the Temporal UI');
      const decided = await decideQuote(harness.ctx, { quoteId: quote.id, decision: 'accept', via: 'staff' });
      expect(decided).toMatchObject({ status: 'accepted', alreadyDecided: false });
      await emailsOfKind(decided.invoice!.id, 'invoice-issued', 1);
      await workflowEnded(quote.id);
      await emailsOfKind(quote.id, 'quote-sent', 1);
      expect(await invoicesOf(customer.id)).toHaveLength(1);
    });
  });
});
