// Refunds of money staff received by hand, through the service on real Postgres: credit first,
// then the newest invoice paid; invoices opened again fall due after the customer's terms from that
// day; refusals that name the field and store nothing; a repeated key books once; and books that
// stay balanced, with each statement closing at what the customer's invoices still owe.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../billing/calendar.js';
import { money } from '../../billing/money.js';
import { invoiceBalance, openInvoicesOf } from '../../db/records/invoice-balances.js';
import { customerCredit, recordPayment } from '../../db/records/payments.js';
import { customers, items, journalEntries, journalLines, paymentAllocations, refunds, workflowHandoffs } from '../../db/schema.js';
import { customerStatement } from '../../server/services/books/customer-statement.js';
import { trialBalance } from '../../server/services/books/trial-balance.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ConflictError, ValidationError } from '../../server/services/errors.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { listPaymentRefunds } from '../../server/services/payments/refund-records.js';
import { refundPayment, type RefundRequestOrigin } from '../../server/services/payments/refunds.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let ctx: ServiceContext;
let itemId: string;
let made = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
  ctx = harness.ctx;
  const [item] = await ctx.db
    .insert(items)
    .values({ name: 'Installation', kind: 'service', unitPriceMinor: 100n, currency: 'EUR', revenueAccountCode: '4200', taxRate: '0' })
    .returning();
  itemId = item!.id;
});

afterAll(async () => {
  await harness?.dispose();
});

async function newCustomer(paymentTermsDays: number | null = null) {
  const [customer] = await ctx.db
    .insert(customers)
    .values({ name: 'Ada Lovelace', email: `refund-${made++}@example.net`, currency: 'EUR', status: 'active', paymentTermsDays })
    .returning();
  return customer!;
}

async function invoiceOf(customerId: string, amountMinor: bigint, issueDate: string) {
  const { invoice } = await createOneOffInvoice(ctx, { customerId, issueDate, lines: [{ itemId, quantity: '1', unitAmountMinor: String(amountMinor) }] });
  return invoice;
}

async function bankTransfer(customerId: string | null, amountMinor: bigint, receivedOn = '2026-11-20') {
  return ctx.db.transaction((tx) =>
    recordPayment(tx, {
      sourceKey: `bank:${made++}`,
      customerId,
      method: 'bank_transfer',
      amount: money(amountMinor, 'EUR'),
      receivedOn,
      reference: 'SEPA 2026-11',
      recordedBy: 'staff:test',
    }),
  );
}

const byStaff = (requestKey?: string): RefundRequestOrigin => ({
  recordedBy: 'staff:clerk@isp.test',
  timeZone: 'UTC',
  ...(requestKey ? { requestKey: { key: requestKey, field: 'idempotencyKey' } } : {}),
});

const openMinor = async (invoiceId: string) => (await invoiceBalance(ctx.db, invoiceId))!.openMinor;
const refundCount = async () => (await ctx.db.select({ n: count() }).from(refunds))[0]!.n;

async function expectBalancedBooks(customerId: string) {
  const balance = await trialBalance(ctx);
  for (const total of balance.totals) expect(total.debits).toEqual(total.credits);
  // The statement closes at the receivable, which is what the customer's invoices still owe.
  const statement = await customerStatement(ctx, customerId, {});
  const open = (await openInvoicesOf(ctx.db, customerId, 'EUR')).reduce((sum, invoice) => sum + invoice.openMinor, 0n);
  expect(statement.closingBalance).toEqual(money(open, 'EUR'));
}

describe('refunding a bank transfer', () => {
  it('takes back the credit the payment left first, then the newest invoice it paid, which is due again after the terms', async () => {
    const customer = await newCustomer(10);
    const october = await invoiceOf(customer.id, 3000n, '2026-10-01');
    const november = await invoiceOf(customer.id, 2000n, '2026-11-01');
    const payment = await bankTransfer(customer.id, 7000n);
    expect(payment.credit).toEqual(money(2000n, 'EUR'));

    const { refund, replayed } = await refundPayment(ctx, payment.paymentId, { amount: '30.00', reason: 'Paid twice by mistake' }, byStaff());

    expect(replayed).toBe(false);
    expect(refund).toMatchObject({ kind: 'refund', amount: money(3000n, 'EUR'), fromCredit: money(2000n, 'EUR'), gatewayRefundId: null, reason: 'Paid twice by mistake' });
    expect(refund.reopened).toEqual([{ invoiceId: november.id, invoiceNumber: november.number, amount: money(1000n, 'EUR'), dueDate: addDays(refund.refundedOn, 10) }]);
    expect(await openMinor(october.id)).toBe(0n);
    expect(await openMinor(november.id)).toBe(1000n);
    expect(await ctx.db.transaction((tx) => customerCredit(tx, customer.id, 'EUR'))).toEqual(money(0n, 'EUR'));

    // One journal entry: credit and receivable back, the money out of the bank.
    const [entry] = await ctx.db.select().from(journalEntries).where(eq(journalEntries.sourceId, refund.id));
    expect(entry).toMatchObject({ sourceType: 'refund', entryDate: refund.refundedOn });
    const lines = await ctx.db.select().from(journalLines).where(eq(journalLines.entryId, entry!.id));
    expect(lines.map((l) => [l.accountCode, l.amountMinor]).sort()).toEqual([['1000', -3000n], ['1100', 1000n], ['2100', 2000n]]);
    // The account workflow hears of it.
    const handoffs = await ctx.db.select().from(workflowHandoffs).where(eq(workflowHandoffs.key, `refund-issued:${refund.id}`));
    expect(handoffs).toHaveLength(1);
    await expectBalancedBooks(customer.id);
  });

  it('keeps the due date of an invoice that was still partly open: it is not reopened, only owed more', async () => {
    const customer = await newCustomer(0);
    const older = await invoiceOf(customer.id, 5000n, '2026-10-01');
    const payment = await bankTransfer(customer.id, 3000n);
    const { refund } = await refundPayment(ctx, payment.paymentId, { reason: 'Customer asked' }, byStaff());
    expect(refund.amount).toEqual(money(3000n, 'EUR'));
    expect(refund.reopened).toEqual([{ invoiceId: older.id, invoiceNumber: older.number, amount: money(3000n, 'EUR'), dueDate: older.dueDate }]);
    expect(await openMinor(older.id)).toBe(5000n);
    await expectBalancedBooks(customer.id);
  });

  it('refunds what is left when no amount is given, and then refuses: nothing is left', async () => {
    const customer = await newCustomer();
    await invoiceOf(customer.id, 4000n, '2026-11-02');
    const payment = await bankTransfer(customer.id, 4000n);
    await refundPayment(ctx, payment.paymentId, { amount: '15', reason: 'Outage credit' }, byStaff());
    const { refund } = await refundPayment(ctx, payment.paymentId, { reason: 'Contract cancelled' }, byStaff());
    expect(refund.amount).toEqual(money(2500n, 'EUR'));
    await expect(refundPayment(ctx, payment.paymentId, { reason: 'Once more' }, byStaff())).rejects.toThrow(ConflictError);
    expect((await listPaymentRefunds(ctx, payment.paymentId)).map((r) => r.amount.amountMinor)).toEqual([1500n, 2500n]);
    await expectBalancedBooks(customer.id);
  });

  it('refuses more than is left on the payment, naming amount, and stores nothing', async () => {
    const customer = await newCustomer();
    await invoiceOf(customer.id, 2000n, '2026-11-03');
    const payment = await bankTransfer(customer.id, 2000n);
    await refundPayment(ctx, payment.paymentId, { amount: '5.00', reason: 'Goodwill' }, byStaff());
    const before = await refundCount();

    const refusal = await refundPayment(ctx, payment.paymentId, { amount: '15.01', reason: 'Too much' }, byStaff()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).problems).toEqual([{ field: 'amount', message: `is more than the €15.00 left to refund on payment ${payment.number}` }]);
    const invalid = await refundPayment(ctx, payment.paymentId, { amount: '1.234', reason: '' }, byStaff()).catch((error: unknown) => error);
    expect((invalid as ValidationError).problems.map((p) => p.field).sort()).toEqual(['reason']);
    const badAmount = await refundPayment(ctx, payment.paymentId, { amount: '1.234', reason: 'Three decimals' }, byStaff()).catch((error: unknown) => error);
    expect((badAmount as ValidationError).problems).toEqual([{ field: 'amount', message: 'must have at most 2 decimals in EUR' }]);
    expect(await refundCount()).toBe(before);
  });

  it('refuses money not yet on a customer’s account: it must be assigned first', async () => {
    const payment = await bankTransfer(null, 1000n);
    const refusal = await refundPayment(ctx, payment.paymentId, { reason: 'Unknown payer' }, byStaff()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as Error).message).toMatch(new RegExp(`Payment ${payment.number} .* assign it to the customer first`));
  });

  it('books a request repeated under the same key once, and refuses the key for another refund', async () => {
    const customer = await newCustomer();
    await invoiceOf(customer.id, 1000n, '2026-11-04');
    const payment = await bankTransfer(customer.id, 3000n);
    const first = await refundPayment(ctx, payment.paymentId, { reason: 'Overpaid' }, byStaff('cli-key-1'));
    const again = await refundPayment(ctx, payment.paymentId, { reason: 'Overpaid' }, byStaff('cli-key-1'));
    expect(again).toEqual({ refund: first.refund, replayed: true });
    expect(first.refund.amount).toEqual(money(3000n, 'EUR'));
    const reused = await refundPayment(ctx, payment.paymentId, { amount: '1.00', reason: 'Other' }, byStaff('cli-key-1')).catch((error: unknown) => error);
    expect((reused as ValidationError).problems).toEqual([{ field: 'idempotencyKey', message: 'was already used for another refund of this payment; use a new key for a new refund' }]);
    expect(await listPaymentRefunds(ctx, payment.paymentId)).toHaveLength(1);
  });

  it('reopens the invoice the payment’s credit paid when that credit is gone, newest first', async () => {
    const customer = await newCustomer(7);
    const first = await invoiceOf(customer.id, 6000n, '2026-10-05');
    const payment = await bankTransfer(customer.id, 10000n, '2026-10-20');
    // The 40.00 left as credit pays the next invoice when it is issued.
    const next = await invoiceOf(customer.id, 4000n, '2026-11-05');
    expect(await openMinor(next.id)).toBe(0n);

    const { refund } = await refundPayment(ctx, payment.paymentId, { amount: '70.00', reason: 'Moved abroad' }, byStaff());
    expect(refund.fromCredit).toEqual(money(0n, 'EUR'));
    expect(refund.reopened.map((r) => [r.invoiceNumber, r.amount.amountMinor])).toEqual([
      [first.number, 3000n],
      [next.number, 4000n],
    ]);
    expect(await openMinor(first.id)).toBe(3000n);
    expect(await openMinor(next.id)).toBe(4000n);
    const { refund: rest } = await refundPayment(ctx, payment.paymentId, { reason: 'The rest' }, byStaff());
    expect(rest.amount).toEqual(money(3000n, 'EUR'));
    expect(await openMinor(first.id)).toBe(6000n);
    const allocations = await ctx.db.select().from(paymentAllocations).where(eq(paymentAllocations.customerId, customer.id));
    expect(allocations.filter((a) => a.source === 'refund').every((a) => a.amountMinor < 0n && a.paymentId === payment.paymentId)).toBe(true);
    await expectBalancedBooks(customer.id);
  });
});
