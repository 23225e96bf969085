// Credit notes through the service on real Postgres and the real (time-skipping) Temporal server:
// partial and whole credits with their tax, refusals that store nothing, concurrent credits that
// never take back more than the invoice, gapless numbers, and books that stay balanced.
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nextInvoiceNumber } from '../../db/records/document-numbers.js';
import { issueRecurringInvoice } from '../../activities/issue-recurring-invoice.js';
import { postJournalEntry } from '../../db/records/journal-entries.js';
import { planChargeLine, type InvoiceLineDraft } from '../../billing/invoice-lines.js';
import { invoicePosting } from '../../billing/ledger.js';
import { money } from '../../billing/money.js';
import { creditNotes, emailMessages, invoiceLines, invoices, items, journalEntries, journalLines } from '../../db/schema.js';
import { createApiKey } from '../../server/services/access/api-keys.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { customerStatement } from '../../server/services/books/customer-statement.js';
import { listInvoiceCreditNotes } from '../../server/services/credit-notes/credit-note-records.js';
import { createCreditNote } from '../../server/services/credit-notes/credit-notes.js';
import type { ValidationError } from '../../server/services/errors.js';
import { ConflictError, NotFoundError } from '../../server/services/errors.js';
import { getInvoice } from '../../server/services/invoices/invoice-records.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { trialBalance } from '../../server/services/books/trial-balance.js';
import { deliveryFinished } from '../support/delivery-finished.js';
import { fullMonth, insertSubscribedCustomer } from '../support/fixtures.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let made = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
});

beforeEach(async () => {
  await harness.freshServer();
});

afterAll(async () => {
  await harness?.dispose();
});

/** Two routers at 49.90 with 21% tax (99.80 + 20.96) and a visit at 90.00 with 20% (90.00 + 18.00). */
async function routerInvoice() {
  const { customer } = await createCustomer(harness.ctx, { name: 'Ada Lovelace', email: `credit-${made++}@example.net`, currency: 'EUR' });
  const [router, visit] = await harness.ctx.db
    .insert(items)
    .values([
      { name: 'Router swap', kind: 'part', unitPriceMinor: 4990n, currency: 'EUR', revenueAccountCode: '4300', taxRate: '21' },
      { name: 'Technician visit', kind: 'service', unitPriceMinor: 9000n, currency: 'EUR', revenueAccountCode: '4200', taxRate: '20' },
    ])
    .returning();
  const { invoice } = await createOneOffInvoice(harness.ctx, {
    customerId: customer.id,
    issueDate: '2026-11-02',
    lines: [{ itemId: router!.id, quantity: '2' }, { itemId: visit!.id, quantity: '1' }],
  });
  return { customer, invoice };
}

/**
 * A January invoice of a 50.00 plan with a late-reading adjustment of −40.00 (usage billed on the
 * previous invoice, taken back): it totals 10.00. Stored and booked the way issueRecurringInvoice
 * stores one, the adjustment on the usage revenue account.
 */
async function adjustedRecurringInvoice() {
  const { customer, plan, subscription } = await insertSubscribedCustomer(harness.ctx.db, { amountMinor: 5000n, email: `credit-adjusted-${made++}@example.net` });
  const period = fullMonth('2026-01-01', '2026-02-01');
  const planLine = planChargeLine({ name: plan.name, amount: money(5000n, 'EUR'), revenueAccountCode: '4000' }, period);
  const adjustment: InvoiceLineDraft = {
    ...planLine,
    kind: 'adjustment',
    description: 'Data: late reading for December, billed on the previous invoice',
    quantity: '-40',
    unit: 'GB',
    unitAmount: money(100n, 'EUR'),
    amount: money(-4000n, 'EUR'),
    revenueAccountCode: '4100',
  };
  const lines = [planLine, adjustment];
  const invoice = await harness.ctx.db.transaction(async (tx) => {
    const number = await nextInvoiceNumber(tx, 2026);
    const [stored] = await tx
      .insert(invoices)
      .values({ number, customerId: customer.id, subscriptionId: subscription.id, kind: 'recurring', periodStart: period.start, periodEnd: period.end, issueDate: period.end, dueDate: period.end, currency: 'EUR', totalMinor: 1000n })
      .returning();
    await tx.insert(invoiceLines).values(
      lines.map((line, position) => ({
        invoiceId: stored!.id,
        position,
        kind: line.kind,
        description: line.description,
        quantity: line.quantity,
        unit: line.unit,
        unitAmountMinor: line.unitAmount?.amountMinor ?? null,
        amountMinor: line.amount.amountMinor,
        revenueAccountCode: line.revenueAccountCode,
        periodStart: line.periodStart,
        periodEnd: line.periodEnd,
      })),
    );
    await postJournalEntry(tx, invoicePosting({ customerId: customer.id, invoiceNumber: number, lines }), { type: 'invoice', id: stored!.id }, period.end);
    return stored!;
  });
  return { customer, invoice };
}

async function entryLines(sourceId: string) {
  const [entry] = await harness.ctx.db.select().from(journalEntries).where(eq(journalEntries.sourceId, sourceId));
  if (!entry) return [];
  const lines = await harness.ctx.db.select().from(journalLines).where(eq(journalLines.entryId, entry.id));
  return lines.map((l) => [l.accountCode, l.amountMinor]).sort();
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => { throw new Error('expected a refusal'); },
    (error: unknown) => error,
  );
}

describe('createCreditNote', () => {
  it('credits one router with its share of tax, then the rest of the invoice exactly, each reversing its postings', async () => {
    const { customer, invoice } = await routerInvoice();

    const { creditNote: first } = await createCreditNote(harness.ctx, invoice.id, { reason: 'One router returned unused', lines: [{ position: 0, amountMinor: 4990 }] });
    expect(first).toMatchObject({ invoiceId: invoice.id, invoiceNumber: invoice.number, customerId: customer.id, reason: 'One router returned unused' });
    expect(first.number).toMatch(/^CN-\d{4}-\d{6}$/);
    expect([first.net.amountMinor, first.tax.amountMinor, first.total.amountMinor]).toEqual([4990n, 1048n, 6038n]);
    expect(first.lines.map((l) => [l.invoiceLinePosition, l.description, l.amount.amountMinor, l.tax.amountMinor, l.revenueAccountCode]))
      .toEqual([[0, 'Router swap', 4990n, 1048n, '4300']]);
    expect(await entryLines(first.id)).toEqual([['1100', -6038n], ['2200', 1048n], ['4300', 4990n]]);

    // The whole remainder: 49.90 + 10.48 of the routers (20.96 − 10.48) and the visit in full.
    const { creditNote: rest } = await createCreditNote(harness.ctx, invoice.id, { reason: 'Contract cancelled' });
    expect(rest.lines.map((l) => [l.invoiceLinePosition, l.amount.amountMinor, l.tax.amountMinor])).toEqual([[0, 4990n, 1048n], [1, 9000n, 1800n]]);
    expect(rest.total.amountMinor).toBe(16838n);
    expect(first.total.amountMinor + rest.total.amountMinor).toBe(invoice.total.amountMinor);

    const after = await getInvoice(harness.ctx, invoice.id);
    expect(after.credited).toEqual(invoice.total);
    expect(after.creditNotes.map((n) => n.number)).toEqual([first.number, rest.number]);
    expect(after.lines.map((l) => l.credited.amountMinor)).toEqual([9980n, 9000n]);
    // Nothing is owed on it any more: the receivable is back to zero.
    const statement = await customerStatement(harness.ctx, customer.id, { to: '2099-12-31' });
    expect(statement.closingBalance.amountMinor).toBe(0n);

    const again = await failure(createCreditNote(harness.ctx, invoice.id, { reason: 'Once more' }));
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toBe(`Invoice ${invoice.number} is already credited in full; nothing is left to credit.`);
  });

  it('refuses more than remains on a line, a missing reason and unknown lines, naming the field, and stores nothing', async () => {
    const { invoice } = await routerInvoice();
    await createCreditNote(harness.ctx, invoice.id, { reason: 'Goodwill', lines: [{ position: 0, amountMinor: 5000 }] });
    const before = await listInvoiceCreditNotes(harness.ctx, invoice.id);

    const over = await failure(createCreditNote(harness.ctx, invoice.id, { reason: 'Too much', lines: [{ position: 1 }, { position: 0, amountMinor: 4981 }] }));
    expect((over as ValidationError).problems).toEqual([
      { field: 'lines[1].amountMinor', message: 'must be at most 4980, what remains to be credited on line 0 (€49.80 net)' },
    ]);
    expect((await failure(createCreditNote(harness.ctx, invoice.id, { reason: '  ' })) as ValidationError).problems)
      .toEqual([{ field: 'reason', message: 'is required: say why the invoice is credited' }]);
    expect((await failure(createCreditNote(harness.ctx, invoice.id, { lines: [{ position: 0 }] })) as ValidationError).problems)
      .toEqual([{ field: 'reason', message: 'is required' }]);
    expect((await failure(createCreditNote(harness.ctx, invoice.id, { reason: 'x', lines: [{ position: 9 }, { position: 1, amountMinor: 0 }] })) as ValidationError).problems)
      .toEqual([
        { field: 'lines[0].position', message: 'the invoice has no line 9' },
        { field: 'lines[1].amountMinor', message: 'must be more than zero' },
      ]);
    expect(await failure(createCreditNote(harness.ctx, '00000000-0000-4000-8000-000000000000', { reason: 'x' }))).toBeInstanceOf(NotFoundError);

    expect(await listInvoiceCreditNotes(harness.ctx, invoice.id)).toEqual(before);
    const after = await getInvoice(harness.ctx, invoice.id);
    expect(after.lines.map((l) => l.credited.amountMinor)).toEqual([5000n, 0n]);
  });

  it('never takes back more than the invoice when ten credit notes race for it, and numbers them without a gap', async () => {
    const { invoice } = await routerInvoice();
    const [{ count: before }] = (await harness.ctx.db.select({ count: sql<number>`count(*)::int` }).from(creditNotes)) as [{ count: number }];

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => createCreditNote(harness.ctx, invoice.id, { reason: `Race ${i}`, lines: [{ position: 1, amountMinor: 2000 }] })),
    );

    const issued = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.creditNote] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as ValidationError] : []));
    // 90.00 holds four credits of 20.00; then 10.00 remains, less than asked.
    expect(issued).toHaveLength(4);
    expect(refused.map((e) => e.problems[0]?.field)).toEqual(Array(6).fill('lines[0].amountMinor'));
    const after = await getInvoice(harness.ctx, invoice.id);
    expect(after.lines[1]!.credited.amountMinor).toBe(8000n);
    const year = issued[0]!.number.slice(3, 7);
    expect(issued.map((n) => n.number).sort()).toEqual(Array.from({ length: 4 }, (_, i) => `CN-${year}-${String(before + i + 1).padStart(6, '0')}`));
  });

  it('numbers twelve credit notes on six invoices issued at once consecutively, without a gap or a repeat', async () => {
    const issued = await Promise.all(Array.from({ length: 6 }, () => routerInvoice()));
    const [{ count: before }] = (await harness.ctx.db.select({ count: sql<number>`count(*)::int` }).from(creditNotes)) as [{ count: number }];

    const notes = await Promise.all(
      issued.flatMap(({ invoice }) => [
        createCreditNote(harness.ctx, invoice.id, { reason: 'Router', lines: [{ position: 0 }] }),
        createCreditNote(harness.ctx, invoice.id, { reason: 'Visit', lines: [{ position: 1 }] }),
      ]),
    );

    const year = notes[0]!.creditNote.number.slice(3, 7);
    expect(notes.map(({ creditNote }) => creditNote.number).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `CN-${year}-${String(before + i + 1).padStart(6, '0')}`),
    );
  });

  it('issues one credit note when the same request is sent twice at once with one Idempotency-Key', async () => {
    const { invoice } = await routerInvoice();
    const { apiKey } = await createApiKey(harness.ctx, { name: `credit ${made++}` });
    const key = { apiKeyId: apiKey.id, key: `credit-${invoice.id}` };
    const request = { reason: 'Router returned', lines: [{ position: 0, amountMinor: 4990 }] };

    const [a, b] = await Promise.all([createCreditNote(harness.ctx, invoice.id, request, key), createCreditNote(harness.ctx, invoice.id, request, key)]);

    expect(b.creditNote.id).toBe(a.creditNote.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await listInvoiceCreditNotes(harness.ctx, invoice.id)).toHaveLength(1);
    // The remainder is still there to credit: the retry took nothing more.
    expect((await getInvoice(harness.ctx, invoice.id)).lines[0]!.credited.amountMinor).toBe(4990n);
  });

  it('returns the one credit note to both of two requests with one Idempotency-Key crediting the whole invoice at once', async () => {
    const { invoice } = await routerInvoice();
    const { apiKey } = await createApiKey(harness.ctx, { name: `credit ${made++}` });
    const key = { apiKeyId: apiKey.id, key: `whole-${invoice.id}` };
    const request = { reason: 'Contract cancelled' };

    // The second must not be refused because the first left nothing to credit: it is the same request.
    const [a, b] = await Promise.all([createCreditNote(harness.ctx, invoice.id, request, key), createCreditNote(harness.ctx, invoice.id, request, key)]);

    expect(b.creditNote.id).toBe(a.creditNote.id);
    expect(a.creditNote.total).toEqual(invoice.total);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await listInvoiceCreditNotes(harness.ctx, invoice.id)).toHaveLength(1);
  });

  it('credits a recurring invoice at its untaxed plan revenue', async () => {
    const { customer, plan, subscription } = await insertSubscribedCustomer(harness.ctx.db, { email: `credit-recurring-${made++}@example.net` });
    const { invoice } = await issueRecurringInvoice(harness.ctx.db, { customerId: customer.id, subscriptionId: subscription.id, planId: plan.id, period: fullMonth('2026-01-01', '2026-02-01') });

    const { creditNote } = await createCreditNote(harness.ctx, invoice.invoiceId, { reason: 'Outage in January', lines: [{ position: 0, amountMinor: 1000 }] });

    expect([creditNote.net.amountMinor, creditNote.tax.amountMinor, creditNote.total.amountMinor]).toEqual([1000n, 0n, 1000n]);
    expect(await entryLines(creditNote.id)).toEqual([['1100', -1000n], ['4000', 1000n]]);
    const statement = await customerStatement(harness.ctx, customer.id, { to: '2099-12-31' });
    expect(statement.closingBalance.amountMinor).toBe(3900n);
  });

  it('never takes back more than a recurring invoice whose adjustment line takes money off it, and its whole credit reverses both lines', async () => {
    const { customer, invoice } = await adjustedRecurringInvoice();
    expect(await entryLines(invoice.id)).toEqual([['1100', 1000n], ['4000', -5000n], ['4100', 4000n]]);

    // The plan line alone charged 50.00, but only 10.00 is owed on the invoice.
    const tooMuch = await failure(createCreditNote(harness.ctx, invoice.id, { reason: 'Outage in January', lines: [{ position: 0 }] }));
    expect((tooMuch as ValidationError).problems).toEqual([
      { field: 'lines[0].amountMinor', message: 'must be at most 1000, what is still open on the invoice (€10.00 net and €0.00 tax)' },
    ]);
    const adjustmentAlone = await failure(createCreditNote(harness.ctx, invoice.id, { reason: 'Wrong adjustment', lines: [{ position: 1 }] }));
    expect((adjustmentAlone as ValidationError).problems).toEqual([
      { field: 'lines[0].position', message: 'line 1 takes money off the invoice (-€40.00); it is reversed only when the whole invoice is credited' },
    ]);
    expect(await listInvoiceCreditNotes(harness.ctx, invoice.id)).toEqual([]);

    const { creditNote: part } = await createCreditNote(harness.ctx, invoice.id, { reason: 'Outage of three days', lines: [{ position: 0, amountMinor: 600 }] });
    expect(part.total.amountMinor).toBe(600n);

    // The whole credit takes back what is left, 4.00: 44.00 of the plan less the 40.00 adjustment.
    const { creditNote: rest } = await createCreditNote(harness.ctx, invoice.id, { reason: 'Contract cancelled' });
    expect(rest.lines.map((l) => [l.invoiceLinePosition, l.amount.amountMinor, l.revenueAccountCode])).toEqual([[0, 4400n, '4000'], [1, -4000n, '4100']]);
    expect([rest.net.amountMinor, rest.tax.amountMinor, rest.total.amountMinor]).toEqual([400n, 0n, 400n]);
    expect(await entryLines(rest.id)).toEqual([['1100', -400n], ['4000', 4400n], ['4100', -4000n]]);
    expect(part.total.amountMinor + rest.total.amountMinor).toBe(1000n);

    expect((await customerStatement(harness.ctx, customer.id, { to: '2099-12-31' })).closingBalance.amountMinor).toBe(0n);
    const again = await failure(createCreditNote(harness.ctx, invoice.id, { reason: 'Once more' }));
    expect(again).toBeInstanceOf(ConflictError);
    const last = await failure(createCreditNote(harness.ctx, invoice.id, { reason: 'And the plan', lines: [{ position: 0, amountMinor: 1 }] }));
    expect((last as ValidationError).problems).toEqual([
      { field: 'lines[0].position', message: 'nothing is left to credit on line 0' },
    ]);
  });

  it('emails the credit note once', async () => {
    const { customer, invoice } = await routerInvoice();
    const worker = await harness.worker();
    const { creditNote } = await worker.runUntil(async () => {
      const created = await createCreditNote(harness.ctx, invoice.id, { reason: 'Visit cancelled', lines: [{ position: 1 }] });
      await deliveryFinished(harness.ctx, { kind: 'credit-note', documentId: created.creditNote.id });
      return created;
    });

    const sent = await harness.ctx.db.select().from(emailMessages).where(eq(emailMessages.entityId, creditNote.id));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'credit-note-issued', recipient: customer.email, idempotencyKey: `credit-note-issued/${creditNote.id}` });
    expect(sent[0]!.subject).toBe(`Credit note ${creditNote.number} for invoice ${invoice.number} from Test ISP`);
    expect(sent[0]!.text).toContain('Reason:             Visit cancelled');
    expect(sent[0]!.text).toContain('Total credited: €108.00');
  });
});

describe('the books after invoices and credit notes', () => {
  it('balance in every entry, sum to zero per currency, and each statement closes at the customer receivable', async () => {
    const { customer, invoice } = await routerInvoice();
    await createCreditNote(harness.ctx, invoice.id, { reason: 'Part returned', lines: [{ position: 0, amountMinor: 1234 }] });
    const { customer: other } = await routerInvoice();

    const entries = await harness.ctx.db.select({ id: journalEntries.id }).from(journalEntries);
    const sums = await harness.ctx.db
      .select({ entryId: journalLines.entryId, currency: journalLines.currency, sum: sql<string>`sum(${journalLines.amountMinor})::text` })
      .from(journalLines)
      .where(inArray(journalLines.entryId, entries.map((e) => e.id)))
      .groupBy(journalLines.entryId, journalLines.currency);
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.filter((row) => row.sum !== '0')).toEqual([]);

    const balance = await trialBalance(harness.ctx, { asOf: '2099-12-31' });
    for (const total of balance.totals) expect(total.debits).toEqual(total.credits);

    for (const who of [customer, other]) {
      const statement = await customerStatement(harness.ctx, who.id, { to: '2099-12-31' });
      const [receivable] = await harness.ctx.db
        .select({ sum: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)::text` })
        .from(journalLines)
        .where(sql`${journalLines.customerId} = ${who.id} and ${journalLines.accountCode} = '1100'`);
      expect(statement.closingBalance.amountMinor).toBe(BigInt(receivable!.sum));
    }
    const credited = 1234n + 259n; // 12.34 of the routers takes back 20.96 × 1234 / 9980 = 2.5916… → 2.59 of tax
    expect((await customerStatement(harness.ctx, customer.id, { to: '2099-12-31' })).closingBalance.amountMinor).toBe(invoice.total.amountMinor - credited);
  });
});
