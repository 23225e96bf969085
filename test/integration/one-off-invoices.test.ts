// One-off invoices through the service, on real Postgres and the real (time-skipping) Temporal
// server: item defaults and overrides, refusals that name the field and store nothing, one email
// however often the same request is retried, and gapless numbers when issued all at once.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueRecurringInvoice } from '../../activities/issue-recurring-invoice.js';
import { addDays } from '../../billing/calendar.js';
import { emailMessages, idempotentRequests, invoices, items, journalEntries, journalLines } from '../../db/schema.js';
import { createApiKey } from '../../server/services/access/api-keys.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { ValidationError } from '../../server/services/errors.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { today } from '../../server/services/subscriptions/subscriptions.js';
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

async function customer(currency = 'EUR') {
  const { customer } = await createCustomer(harness.ctx, { name: 'Grace Hopper', email: `one-off-${made++}@example.net`, currency });
  return customer;
}

async function item(values: Partial<typeof items.$inferInsert> = {}) {
  const [row] = await harness.ctx.db
    .insert(items)
    .values({ name: 'Router swap', kind: 'part', unitPriceMinor: 4990n, currency: 'EUR', revenueAccountCode: '4300', taxRate: '21', ...values })
    .returning();
  return row!;
}

async function refusal(input: unknown) {
  const error = await createOneOffInvoice(harness.ctx, input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

describe('createOneOffInvoice', () => {
  it('bills items at their price, name and tax unless overridden, and books revenue per item account and the tax', async () => {
    const buyer = await customer();
    const router = await item();
    const visit = await item({ name: 'Technician visit', kind: 'service', unitPriceMinor: 6000n, revenueAccountCode: '4200', taxRate: '20' });

    const { invoice, replayed } = await createOneOffInvoice(harness.ctx, {
      customerId: buyer.id,
      issueDate: '2026-11-02',
      lines: [
        { itemId: router.id, quantity: '2' },
        { itemId: visit.id, quantity: 1.5, unitAmountMinor: 5000, description: 'Evening visit, 1.5 h', taxRate: '7.7' },
      ],
    });

    expect(replayed).toBe(false);
    expect(invoice).toMatchObject({ kind: 'one_off', customerId: buyer.id, issueDate: '2026-11-02', periodStart: null });
    expect(invoice.number).toMatch(/^INV-2026-\d{6}$/);
    // 2 × 49.90 = 99.80 + 21% 20.96; 1.5 × 50.00 = 75.00 + 7.7% 5.775 → 5.78 (half to even: 5.775 → 5.78)
    expect(invoice.lines.map((l) => [l.description, l.quantity, l.unitAmount?.amountMinor, l.amount.amountMinor, l.taxRate, l.tax.amountMinor])).toEqual([
      ['Router swap', '2', 4990n, 9980n, '21', 2096n],
      ['Evening visit, 1.5 h', '1.5', 5000n, 7500n, '7.7', 578n],
    ]);
    expect(invoice.tax.amountMinor).toBe(2674n);
    expect(invoice.total.amountMinor).toBe(20154n);

    const [entry] = await harness.ctx.db.select().from(journalEntries).where(eq(journalEntries.sourceId, invoice.id));
    const lines = await harness.ctx.db.select().from(journalLines).where(eq(journalLines.entryId, entry!.id));
    expect(lines.map((l) => [l.accountCode, l.amountMinor]).sort()).toEqual([['1100', 20154n], ['2200', -2674n], ['4200', -7500n], ['4300', -9980n]]);
  });

  it('refuses every bad line with its field and reason, and stores nothing', async () => {
    const buyer = await customer();
    const router = await item();
    const retired = await item({ name: 'Old modem', active: false });
    const dollars = await item({ name: 'US adapter', currency: 'USD' });
    const before = await harness.ctx.db.select({ count: sql<number>`count(*)::int` }).from(invoices);

    expect(await refusal({ customerId: buyer.id, lines: [] })).toEqual([{ field: 'lines', message: 'must have at least one line' }]);
    expect(await refusal({ customerId: buyer.id, lines: [{ itemId: router.id, quantity: '1' }, { itemId: router.id, quantity: '0' }] }))
      .toEqual([{ field: 'lines[1].quantity', message: 'must be more than zero' }]);
    expect(await refusal({ customerId: buyer.id, lines: [{ itemId: router.id, quantity: '1', unitAmountMinor: -5, colour: 'red' }] })).toEqual([
      { field: 'lines[0].unitAmountMinor', message: 'must not be negative' },
      { field: 'lines[0].colour', message: 'is not a field of a one-off invoice' },
    ]);
    expect(await refusal({ customerId: buyer.id, lines: [{ itemId: router.id, quantity: '1', taxRate: '120' }] }))
      .toEqual([{ field: 'lines[0].taxRate', message: 'must be between 0 and 100' }]);
    expect(
      await refusal({
        customerId: buyer.id,
        lines: [
          { itemId: retired.id, quantity: '1' },
          { itemId: dollars.id, quantity: '1' },
          { itemId: '00000000-0000-4000-8000-000000000000', quantity: '1' },
        ],
      }),
    ).toEqual([
      { field: 'lines[0].itemId', message: '"Old modem" is inactive and can no longer be billed' },
      { field: 'lines[1].itemId', message: '"US adapter" is priced in USD, but the customer is billed in EUR' },
      { field: 'lines[2].itemId', message: 'is not the id of an item' },
    ]);
    expect(await refusal({ customerId: '00000000-0000-4000-8000-000000000000', lines: [{ itemId: router.id, quantity: '1' }] }))
      .toEqual([{ field: 'customerId', message: 'is not the id of a customer' }]);
    expect(await refusal({ lines: [{ itemId: router.id, quantity: '1' }], issueDate: '2026-02-30' })).toEqual([
      { field: 'customerId', message: 'is required' },
      { field: 'issueDate', message: 'must be a calendar date as YYYY-MM-DD' },
    ]);

    const after = await harness.ctx.db.select({ count: sql<number>`count(*)::int` }).from(invoices);
    expect(after).toEqual(before);
  });

  it('issues and emails it once when the same request is sent twice with one Idempotency-Key, even at once', async () => {
    const buyer = await customer();
    const router = await item();
    const { apiKey } = await createApiKey(harness.ctx, { name: `one-off ${made++}` });
    const key = { apiKeyId: apiKey.id, key: 'visit-2026-11-25' };
    const request = { customerId: buyer.id, lines: [{ itemId: router.id, quantity: '1' }] };

    const worker = await harness.worker();
    const [first, second] = await worker.runUntil(async () => {
      const both = await Promise.all([createOneOffInvoice(harness.ctx, request, key), createOneOffInvoice(harness.ctx, request, key)]);
      const third = await createOneOffInvoice(harness.ctx, request, key);
      expect(third.invoice.id).toBe(both[0].invoice.id);
      await deliveryFinished(harness.ctx, { kind: 'invoice', documentId: both[0].invoice.id });
      return both;
    });

    expect(second.invoice.id).toBe(first.invoice.id);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(await harness.ctx.db.select().from(invoices).where(eq(invoices.customerId, buyer.id))).toHaveLength(1);
    const sent = await harness.ctx.db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.entityId, first.invoice.id), eq(emailMessages.kind, 'invoice-issued')));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ recipient: buyer.email, idempotencyKey: `invoice-issued/${first.invoice.id}` });
    expect(sent[0]!.subject).toBe(`Invoice ${first.invoice.number} from Test ISP`);
    expect(sent[0]!.text).toContain('Router swap — 1 × €49.90: €49.90 (21% tax: €10.48)');
    expect(sent[0]!.text).not.toContain('Billing period');

    // The same key for another request is a client mistake, refused by name.
    const other = await createOneOffInvoice(harness.ctx, { ...request, lines: [{ itemId: router.id, quantity: '2' }] }, key).catch((e: unknown) => e);
    expect((other as ValidationError).problems).toEqual([
      { field: 'Idempotency-Key', message: 'was already used for a different request; use a new key for a new invoice' },
    ]);
    expect(await harness.ctx.db.select().from(idempotentRequests).where(eq(idempotentRequests.apiKeyId, apiKey.id))).toHaveLength(1);
  });

  it('numbers 20 one-off invoices and 5 recurring ones issued at once without a gap or a repeat', async () => {
    const router = await item();
    const buyers = await Promise.all(Array.from({ length: 4 }, () => customer()));
    const subscribed = await Promise.all(Array.from({ length: 5 }, (_, i) => insertSubscribedCustomer(harness.ctx.db, { email: `gapless-one-off-${i}@example.net` })));
    // One-off invoices are dated at most a year back: this year's series, after what it holds already.
    const year = today().slice(0, 4);
    const [{ taken }] = (await harness.ctx.db.select({ taken: sql<number>`count(*)::int` }).from(invoices).where(sql`${invoices.number} like ${`INV-${year}-%`}`)) as [{ taken: number }];

    const results = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        createOneOffInvoice(harness.ctx, { customerId: buyers[i % 4]!.id, issueDate: `${year}-01-15`, lines: [{ itemId: router.id, quantity: String(i + 1) }] }).then((r) => r.invoice.number),
      ),
      ...subscribed.map(({ customer: c, plan, subscription }) =>
        issueRecurringInvoice(harness.ctx.db, { customerId: c.id, subscriptionId: subscription.id, planId: plan.id, period: fullMonth(`${year}-01-01`, `${year}-02-01`) }).then((r) => r.invoice.number),
      ),
    ]);

    expect(results.sort()).toEqual(Array.from({ length: 25 }, (_, i) => `INV-${year}-${String(taken + i + 1).padStart(6, '0')}`));
  });

  it('dates an invoice from the start of last year to today, and refuses any other day naming the range', async () => {
    const buyer = await customer();
    const router = await item();
    const day = today();
    const earliest = `${Number(day.slice(0, 4)) - 1}-01-01`;

    const { invoice } = await createOneOffInvoice(harness.ctx, { customerId: buyer.id, issueDate: earliest, lines: [{ itemId: router.id, quantity: '1' }] });
    expect(invoice.issueDate).toBe(earliest);
    expect(invoice.number.slice(0, 8)).toBe(`INV-${earliest.slice(0, 4)}`);
    for (const issueDate of ['0001-01-01', addDays(earliest, -1), addDays(day, 1), '2099-06-01']) {
      expect(await refusal({ customerId: buyer.id, issueDate, lines: [{ itemId: router.id, quantity: '1' }] })).toEqual([
        { field: 'issueDate', message: `must be between ${earliest} and today (${day})` },
      ]);
    }
  });
});
