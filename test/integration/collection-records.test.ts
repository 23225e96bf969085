// The data collections acts on and writes, on real Postgres: what is overdue net of money held for
// the customer, penalties billed once on a penalty invoice that books penalty income, and episodes
// and steps that a retry or a second evaluation cannot open or take twice.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../billing/calendar.js';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { overdueFacts } from '../../db/records/collections/overdue-facts.js';
import { claimStep, closeEpisode, episodeSteps, finishStep, openEpisode, openEpisodeOf } from '../../db/records/collections/dunning-episodes.js';
import { issuePenaltyInvoice, type PenaltyChargeToBill } from '../../db/records/collections/penalty-invoices.js';
import { dunningPolicies, invoiceLines, invoices, items, journalEntries, journalLines, penaltyCharges, penaltyClasses, penaltyRules } from '../../db/schema.js';
import { trialBalance } from '../../server/services/books/trial-balance.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { recordManualPayment } from '../../server/services/payments/manual-payments.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let made = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
});

afterAll(async () => {
  await harness?.dispose();
});

const today = () => businessDateAt(Date.now(), 'UTC');

async function customer() {
  return (await createCustomer(harness.ctx, { name: 'Grace Hopper', email: `collections-${made++}@example.net`, currency: 'EUR' })).customer;
}

/** A one-off invoice of one untaxed line, issued on `issueDate` (due 14 days later by default terms). */
async function invoice(customerId: string, amountMinor: bigint, issueDate: string) {
  const [item] = await harness.ctx.db
    .insert(items)
    .values({ name: `Router swap ${made++}`, kind: 'service', unitPriceMinor: amountMinor, currency: 'EUR', revenueAccountCode: '4200', taxRate: '0' })
    .returning();
  return (await createOneOffInvoice(harness.ctx, { customerId, issueDate, lines: [{ itemId: item!.id, quantity: '1' }] })).invoice;
}

async function penaltyRule() {
  const [penaltyClass] = await harness.ctx.db.insert(penaltyClasses).values({ name: `Class ${made++}` }).returning();
  const [rule] = await harness.ctx.db
    .insert(penaltyRules)
    .values({ classId: penaltyClass!.id, position: 0, name: 'Late fee', kind: 'flat', definition: {} })
    .returning();
  return rule!;
}

describe('what is overdue', () => {
  it('is the open amount of invoices past their due date, less a partial payment, with the earliest due date still unpaid', async () => {
    const { id } = await customer();
    const longAgo = addDays(today(), -60);
    const old = await invoice(id, 10_000n, longAgo); // due 46 days ago
    await invoice(id, 5_000n, today()); // due in 14 days
    await recordManualPayment(
      harness.ctx,
      { customerId: id, invoiceId: old.id, method: 'bank_transfer', amount: '30.00', receivedOn: today(), reference: `BANK-${made++}` },
      { channel: 'staff', recordedBy: 'staff:ada@isp.test', timeZone: 'UTC' },
    );
    const facts = await overdueFacts(harness.ctx.db, id, today());
    // 100.00 - 30.00 overdue; 70.00 + 50.00 receivable.
    expect(facts).toMatchObject({
      currency: 'EUR',
      overdueMinor: 7_000n,
      receivableMinor: 12_000n,
      heldMinor: 0n,
      earliestUnpaidDueDate: addDays(longAgo, 14),
      nextDueDate: addDays(today(), 14),
    });
    expect(facts.overdueInvoices.map((i) => [i.number, i.openMinor])).toEqual([[old.number, 7_000n]]);
  });

  it('is nothing on the due day itself, and nothing when all is paid', async () => {
    const { id } = await customer();
    const dueToday = await invoice(id, 4_000n, addDays(today(), -14));
    expect((await overdueFacts(harness.ctx.db, id, today())).overdueMinor).toBe(0n);
    expect((await overdueFacts(harness.ctx.db, id, addDays(today(), 1))).overdueMinor).toBe(4_000n);
    await recordManualPayment(
      harness.ctx,
      { customerId: id, invoiceId: dueToday.id, method: 'cash', amount: '40.00', receivedOn: today(), reference: 'Receipt 1' },
      { channel: 'staff', recordedBy: 'staff:ada@isp.test', timeZone: 'UTC' },
    );
    expect(await overdueFacts(harness.ctx.db, id, addDays(today(), 1))).toMatchObject({ overdueMinor: 0n, receivableMinor: 0n, earliestUnpaidDueDate: null });
  });
});

describe('penalty invoices', () => {
  it('bills each charge once, due at once, booked to penalty income with its tax', async () => {
    const { id: customerId } = await customer();
    const overdue = await invoice(customerId, 10_000n, addDays(today(), -40));
    const rule = await penaltyRule();
    const charge: PenaltyChargeToBill = {
      invoiceId: overdue.id,
      ruleId: rule.id,
      occurrence: 0,
      component: 'penalty',
      description: `Late fee on ${overdue.number}`,
      baseMinor: 10_000n,
      amountMinor: 500n,
      taxRate: '21',
      taxMinor: 105n,
      chargeOn: today(),
      accruedFrom: null,
      accruedTo: null,
    };
    const penaltyInvoiceId = randomUUID();
    const request = { invoiceId: penaltyInvoiceId, customerId, currency: 'EUR', issueDate: today(), episodeId: null, charges: [charge] };
    const first = await harness.ctx.db.transaction((tx) => issuePenaltyInvoice(tx, request));
    const issued = await harness.ctx.db.transaction((tx) => issuePenaltyInvoice(tx, request));
    expect(first).toMatchObject({ invoiceId: penaltyInvoiceId, total: { amountMinor: 605n } });
    // The same request again issues nothing, and so does the same charge under another invoice id.
    expect(issued).toBeNull();
    expect(await harness.ctx.db.transaction((tx) => issuePenaltyInvoice(tx, { ...request, invoiceId: randomUUID() }))).toBeNull();

    const [stored] = await harness.ctx.db.select().from(invoices).where(eq(invoices.id, penaltyInvoiceId));
    expect(stored).toMatchObject({ kind: 'penalty', issueDate: today(), dueDate: today(), totalMinor: 605n, taxMinor: 105n });
    const lines = await harness.ctx.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, penaltyInvoiceId));
    expect(lines).toMatchObject([{ kind: 'penalty', description: `Late fee on ${overdue.number}`, amountMinor: 500n, taxMinor: 105n, revenueAccountCode: '4900' }]);
    const [entry] = await harness.ctx.db
      .select()
      .from(journalEntries)
      .where(and(eq(journalEntries.sourceType, 'invoice'), eq(journalEntries.sourceId, penaltyInvoiceId)));
    const booked = await harness.ctx.db.select().from(journalLines).where(eq(journalLines.entryId, entry!.id));
    expect(booked.map((line) => [line.accountCode, line.amountMinor]).sort()).toEqual([
      ['1100', 605n],
      ['2200', -105n],
      ['4900', -500n],
    ]);
    expect(await harness.ctx.db.select().from(penaltyCharges).where(eq(penaltyCharges.invoiceId, overdue.id))).toHaveLength(1);

    // The next occurrence is a new charge: billed on a penalty invoice of its own.
    const next = await harness.ctx.db.transaction((tx) =>
      issuePenaltyInvoice(tx, { ...request, invoiceId: randomUUID(), charges: [charge, { ...charge, occurrence: 1 }] }),
    );
    expect(next?.charges.map((c) => c.occurrence)).toEqual([1]);
    const balance = await trialBalance(harness.ctx, { asOf: '2099-12-31' });
    for (const total of balance.totals) expect(total.debits).toEqual(total.credits);
  });
});

describe('episodes and steps', () => {
  it('opens one episode per account however often it is opened, claims each step once, and opens a new one after closing', async () => {
    const { id: customerId } = await customer();
    const [policy] = await harness.ctx.db.insert(dunningPolicies).values({ name: `Policy ${made++}` }).returning();
    const opening = { customerId, policyId: policy!.id, policyVersion: 1, currency: 'EUR', startedOn: today(), anchorDueDate: addDays(today(), -1), stage: 'overdue' };
    const [a, b] = await Promise.all([
      harness.ctx.db.transaction((tx) => openEpisode(tx, opening)),
      harness.ctx.db.transaction((tx) => openEpisode(tx, opening)),
    ]);
    expect(a.id).toBe(b.id);

    const step = { customerId, episodeId: a.id, stepKey: '0:email_reminder', kind: 'email_reminder', dueOn: today() };
    const claimed = await harness.ctx.db.transaction((tx) => claimStep(tx, step));
    expect(claimed.outcome).toBe('started');
    await finishStep(harness.ctx.db, claimed.id, 'done', { emailed: true });
    const again = await harness.ctx.db.transaction((tx) => claimStep(tx, step));
    expect(again).toMatchObject({ id: claimed.id, outcome: 'done', detail: { emailed: true } });
    expect(await episodeSteps(harness.ctx.db, a.id)).toHaveLength(1);

    await harness.ctx.db.transaction((tx) => closeEpisode(tx, a.id, today(), 'paid', 'none'));
    expect(await openEpisodeOf(harness.ctx.db, customerId)).toBeNull();
    const next = await harness.ctx.db.transaction((tx) => openEpisode(tx, opening));
    expect(next.id).not.toBe(a.id);
  });
});
