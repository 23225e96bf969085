// Payments staff record by hand, through the service, on real Postgres and the real (time-skipping)
// Temporal server: partial payments, the named invoice first and then the oldest due, an overpayment
// kept as credit and applied to the next invoice, one payment however often (and however
// concurrently) a keyed request is sent, books that stay balanced, and refusals that name every
// bad field and store nothing.
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../billing/calendar.js';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { idempotentRequests, items, journalEntries, journalLines, paymentAllocations, payments } from '../../db/schema.js';
import { createApiKey } from '../../server/services/access/api-keys.js';
import { customerStatement } from '../../server/services/books/customer-statement.js';
import { trialBalance } from '../../server/services/books/trial-balance.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { ValidationError } from '../../server/services/errors.js';
import { getInvoice } from '../../server/services/invoices/invoice-records.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { recordManualPayment, type PaymentRequestOrigin } from '../../server/services/payments/manual-payments.js';
import { getPayment, listCustomerPayments, listInvoicePayments, listPayments } from '../../server/services/payments/payment-records.js';
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

const TIME_ZONE = 'UTC';
const today = () => businessDateAt(Date.now(), TIME_ZONE);
/** A day of last year, so that invoices and payments dated on it are all within what is accepted. */
const lastYear = (monthDay: string) => `${Number(today().slice(0, 4)) - 1}-${monthDay}`;
const staff: PaymentRequestOrigin = { channel: 'staff', recordedBy: 'staff:ada@isp.test', timeZone: TIME_ZONE };

async function customer(currency = 'EUR') {
  const { customer } = await createCustomer(harness.ctx, { name: 'Grace Hopper', email: `payments-${made++}@example.net`, currency });
  return customer;
}

/** An invoice of one untaxed line of `amountMinor`, issued on `issueDate` (due 14 days later). */
async function invoice(customerId: string, amountMinor: bigint, issueDate: string, currency = 'EUR') {
  const [item] = await harness.ctx.db
    .insert(items)
    .values({ name: `Technician visit ${made++}`, kind: 'service', unitPriceMinor: amountMinor, currency, revenueAccountCode: '4300', taxRate: '0' })
    .returning();
  return (await createOneOffInvoice(harness.ctx, { customerId, issueDate, lines: [{ itemId: item!.id, quantity: '1' }] })).invoice;
}

async function pay(input: Record<string, unknown>, origin = staff) {
  return (await recordManualPayment(harness.ctx, { method: 'bank_transfer', receivedOn: lastYear('12-01'), reference: `BANK-${made++}`, ...input }, origin)).payment;
}

const openOf = async (invoiceId: string) => {
  const shown = await getInvoice(harness.ctx, invoiceId);
  return { paymentStatus: shown.paymentStatus, amountOpen: shown.amountOpen.amountMinor };
};

async function journalOf(paymentId: string) {
  const [entry] = await harness.ctx.db.select().from(journalEntries).where(and(eq(journalEntries.sourceType, 'payment'), eq(journalEntries.sourceId, paymentId)));
  const lines = await harness.ctx.db.select().from(journalLines).where(eq(journalLines.entryId, entry!.id));
  return lines.map((line) => [line.accountCode, line.amountMinor]).sort();
}

async function refusal(input: unknown, origin = staff) {
  const error = await recordManualPayment(harness.ctx, input, origin).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

async function storedCounts() {
  const tally = async (table: typeof payments | typeof paymentAllocations | typeof journalEntries | typeof idempotentRequests) =>
    (await harness.ctx.db.select({ n: count() }).from(table))[0]?.n;
  return { payments: await tally(payments), allocations: await tally(paymentAllocations), entries: await tally(journalEntries), keys: await tally(idempotentRequests) };
}

describe('recording a payment', () => {
  it('pays part of an invoice: partially paid, the rest open, booked from cash against the receivable', async () => {
    const payer = await customer();
    const bill = await invoice(payer.id, 12000n, lastYear('11-02'));
    expect(await openOf(bill.id)).toEqual({ paymentStatus: 'open', amountOpen: 12000n });

    const payment = await pay({ customerId: payer.id, amount: '45.50', receivedOn: lastYear('11-20'), reference: 'Transfer 1187' });

    expect(payment).toMatchObject({ customerId: payer.id, method: 'bank_transfer', receivedOn: lastYear('11-20'), reference: 'Transfer 1187', recordedBy: 'staff:ada@isp.test' });
    expect(payment.number).toMatch(new RegExp(`^PAY-${lastYear('').slice(0, 4)}-\\d{6}$`));
    expect(payment.amount).toEqual({ amountMinor: 4550n, currency: 'EUR' });
    expect(payment.credit.amountMinor).toBe(0n);
    expect(payment.allocations).toEqual([
      { invoiceId: bill.id, invoiceNumber: bill.number, amount: { amountMinor: 4550n, currency: 'EUR' }, allocatedOn: lastYear('11-20'), source: 'payment' },
    ]);
    expect(await openOf(bill.id)).toEqual({ paymentStatus: 'partially_paid', amountOpen: 7450n });
    expect(await journalOf(payment.id)).toEqual([['1000', 4550n], ['1100', -4550n]]);

    // The rest settles it.
    await pay({ customerId: payer.id, amount: '74.5' });
    expect(await openOf(bill.id)).toEqual({ paymentStatus: 'paid', amountOpen: 0n });
    expect((await listInvoicePayments(harness.ctx, bill.id)).map((applied) => [applied.source, applied.payment?.number, applied.amount.amountMinor, applied.allocatedOn])).toEqual([
      ['payment', payment.number, 4550n, lastYear('11-20')],
      ['payment', expect.stringMatching(/^PAY-/), 7450n, lastYear('12-01')],
    ]);
  });

  it('pays the invoice the payer named first, then the others oldest due first', async () => {
    const payer = await customer();
    // Issued out of order: the list and the allocation go by due date, not by creation.
    const newest = await invoice(payer.id, 5000n, lastYear('09-01'));
    const oldest = await invoice(payer.id, 3000n, lastYear('03-01'));
    const middle = await invoice(payer.id, 4000n, lastYear('06-01'));

    const oldestFirst = await pay({ customerId: payer.id, amount: '50.00' });
    expect(oldestFirst.allocations.map((a) => [a.invoiceNumber, a.amount.amountMinor])).toEqual([
      [oldest.number, 3000n],
      [middle.number, 2000n],
    ]);

    const named = await pay({ customerId: payer.id, amount: '55.00', invoiceId: newest.id });
    expect(named.allocations.map((a) => [a.invoiceNumber, a.amount.amountMinor])).toEqual([
      [newest.number, 5000n],
      [middle.number, 500n],
    ]);
    expect(await openOf(oldest.id)).toEqual({ paymentStatus: 'paid', amountOpen: 0n });
    expect(await openOf(middle.id)).toEqual({ paymentStatus: 'partially_paid', amountOpen: 1500n });
    expect(await openOf(newest.id)).toEqual({ paymentStatus: 'paid', amountOpen: 0n });
  });

  it('keeps an overpayment as customer credit (2100), applied at once to the next one-off invoice', async () => {
    const payer = await customer();
    const bill = await invoice(payer.id, 10000n, lastYear('10-01'));

    const payment = await pay({ customerId: payer.id, amount: '150.00', invoiceId: bill.id });
    expect(payment.allocated.amountMinor).toBe(10000n);
    expect(payment.credit.amountMinor).toBe(5000n);
    expect(await journalOf(payment.id)).toEqual([['1000', 15000n], ['1100', -10000n], ['2100', -5000n]]);

    const next = await invoice(payer.id, 3000n, today());
    expect(next.paymentStatus).toBe('paid');
    expect(await openOf(next.id)).toEqual({ paymentStatus: 'paid', amountOpen: 0n });
    const applied = await listInvoicePayments(harness.ctx, next.id);
    expect(applied.map((a) => [a.source, a.payment, a.amount.amountMinor, a.allocatedOn])).toEqual([['customer_credit', null, 3000n, today()]]);

    // 20.00 of credit is left for what comes next.
    const [credit] = await harness.ctx.db
      .select({ sum: sql<string>`sum(${journalLines.amountMinor})::text` })
      .from(journalLines)
      .where(and(eq(journalLines.customerId, payer.id), eq(journalLines.accountCode, '2100')));
    expect(credit!.sum).toBe('-2000');
    const last = await invoice(payer.id, 2500n, today());
    expect(await openOf(last.id)).toEqual({ paymentStatus: 'partially_paid', amountOpen: 500n });
  });

  it('records a keyed request once, however often and however concurrently it is sent, and refuses the key for another request', async () => {
    const payer = await customer();
    await invoice(payer.id, 10000n, lastYear('10-01'));
    const { apiKey } = await createApiKey(harness.ctx, { name: `payments ${made++}` });
    const origin: PaymentRequestOrigin = { channel: 'api', recordedBy: `api-key:${apiKey.prefix}`, timeZone: TIME_ZONE, idempotency: { apiKeyId: apiKey.id, key: 'transfer-2211' } };
    const request = { customerId: payer.id, amount: '30.00', method: 'bank_transfer', receivedOn: lastYear('12-01'), reference: 'Transfer 2211' };

    const first = await recordManualPayment(harness.ctx, request, origin);
    // The same amount written another way is the same request.
    const again = await recordManualPayment(harness.ctx, { ...request, amount: '30' }, origin);
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, payment: { id: first.payment.id } });

    const concurrentOrigin = { ...origin, idempotency: { apiKeyId: apiKey.id, key: 'transfer-2212' } };
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => recordManualPayment(harness.ctx, { ...request, reference: 'Transfer 2212' }, concurrentOrigin)));
    expect(new Set(concurrent.map((answer) => answer.payment.id)).size).toBe(1);
    expect(concurrent.filter((answer) => !answer.replayed)).toHaveLength(1);

    const recorded = await harness.ctx.db.select().from(payments).where(eq(payments.customerId, payer.id));
    expect(recorded.map((p) => p.sourceKey).sort()).toEqual([`api:${apiKey.id}:transfer-2211`, `api:${apiKey.id}:transfer-2212`]);
    expect(await openOf((await harness.ctx.db.select().from(paymentAllocations).where(eq(paymentAllocations.customerId, payer.id)))[0]!.invoiceId)).toEqual({
      paymentStatus: 'partially_paid',
      amountOpen: 4000n,
    });

    const before = await storedCounts();
    expect(await refusal({ ...request, amount: '31.00' }, origin)).toEqual([
      { field: 'Idempotency-Key', message: 'was already used for a different request; use a new key for a new payment' },
    ]);
    expect(await storedCounts()).toEqual(before);
    expect(await harness.ctx.db.select().from(idempotentRequests).where(eq(idempotentRequests.apiKeyId, apiKey.id))).toHaveLength(2);
  });

  it('records once under a caller’s own key (the command line’s), and refuses that key for another payment', async () => {
    const payer = await customer();
    const origin: PaymentRequestOrigin = { channel: 'cli', recordedBy: 'cli', timeZone: TIME_ZONE, requestKey: { key: 'cheque-881', field: 'idempotency-key' } };
    const request = { customerId: payer.id, amount: '12.00', method: 'cheque', receivedOn: lastYear('12-01'), reference: 'Cheque 881' };

    const answers = await Promise.all(Array.from({ length: 5 }, () => recordManualPayment(harness.ctx, request, origin)));
    expect(new Set(answers.map((answer) => answer.payment.id)).size).toBe(1);
    expect(await harness.ctx.db.select().from(payments).where(eq(payments.sourceKey, 'cli:cheque-881'))).toHaveLength(1);

    const before = await storedCounts();
    expect(await refusal({ ...request, reference: 'Cheque 882' }, origin)).toEqual([
      { field: 'idempotency-key', message: `was already used to record payment ${answers[0]!.payment.number}; use a new key for a new payment` },
    ]);
    expect(await storedCounts()).toEqual(before);
  });

  it('takes a received day up to today in the company’s time zone, and no later', async () => {
    const payer = await customer();
    // Kiritimati (UTC+14) is always at least a day ahead of Baker Island's zone (UTC−12).
    const kiritimatiToday = businessDateAt(Date.now(), 'Pacific/Kiritimati');
    const bakerToday = businessDateAt(Date.now(), 'Etc/GMT+12');
    const ahead = await pay({ customerId: payer.id, amount: '1.00', receivedOn: kiritimatiToday }, { ...staff, timeZone: 'Pacific/Kiritimati' });
    expect(ahead.receivedOn).toBe(kiritimatiToday);
    const earliest = `${Number(bakerToday.slice(0, 4)) - 1}-01-01`;
    expect(await refusal({ customerId: payer.id, amount: '1.00', method: 'cash', reference: 'Till', receivedOn: kiritimatiToday }, { ...staff, timeZone: 'Etc/GMT+12' })).toEqual([
      { field: 'receivedOn', message: `must be between ${earliest} and today (${bakerToday})` },
    ]);
  });
});

describe('refusals', () => {
  it('name every bad field and store nothing', async () => {
    const payer = await customer();
    const other = await customer();
    const dollars = await customer('USD');
    const theirs = await invoice(other.id, 1000n, lastYear('10-01'));
    const before = await storedCounts();
    const good = { customerId: payer.id, amount: '10.00', method: 'cash', receivedOn: lastYear('12-01'), reference: 'Receipt 12' };

    expect(await refusal({})).toEqual([
      { field: 'customerId', message: 'is required' },
      { field: 'amount', message: 'is required' },
      { field: 'method', message: 'is required' },
      { field: 'receivedOn', message: 'is required' },
      { field: 'reference', message: 'is required' },
    ]);
    expect(await refusal({ ...good, amount: 10, method: 'card', receivedOn: '2026-02-30', reference: '  ', colour: 'red' })).toEqual([
      { field: 'amount', message: 'must be the amount as a decimal string such as "49.90"' },
      { field: 'method', message: 'must be one of bank_transfer, cash, cheque' },
      { field: 'receivedOn', message: 'must be a calendar date as YYYY-MM-DD' },
      { field: 'reference', message: 'is required: the bank reference, cheque number or receipt' },
      { field: 'colour', message: 'is not a field of a payment' },
    ]);
    expect(await refusal({ ...good, amount: '€10' })).toEqual([
      { field: 'amount', message: 'must be an amount written as a plain decimal such as "49.90", without a currency sign or separators' },
    ]);
    const day = today();
    const earliest = `${Number(day.slice(0, 4)) - 1}-01-01`;
    expect(await refusal({ ...good, amount: '10.005', receivedOn: addDays(day, 1), invoiceId: theirs.id })).toEqual([
      { field: 'amount', message: 'must have at most 2 decimals in EUR' },
      { field: 'receivedOn', message: `must be between ${earliest} and today (${day})` },
      { field: 'invoiceId', message: `is invoice ${theirs.number} of another customer` },
    ]);
    expect(await refusal({ ...good, amount: '0', receivedOn: addDays(earliest, -1) })).toEqual([
      { field: 'amount', message: 'must be more than zero' },
      { field: 'receivedOn', message: `must be between ${earliest} and today (${day})` },
    ]);
    expect(await refusal({ ...good, customerId: dollars.id, amount: '10000000000000.01', invoiceId: '00000000-0000-4000-8000-000000000000' })).toEqual([
      { field: 'amount', message: 'must be at most $10,000,000,000,000.00' },
      { field: 'invoiceId', message: 'is not the id of an invoice' },
    ]);
    expect(await refusal({ ...good, customerId: '00000000-0000-4000-8000-000000000000' })).toEqual([{ field: 'customerId', message: 'is not the id of a customer' }]);

    expect(await storedCounts()).toEqual(before);
  });
});

describe('the books after payments', () => {
  it('sum to zero per currency, and each statement closes at the customer’s receivable', async () => {
    const euro = await customer();
    const dollar = await customer('USD');
    await invoice(euro.id, 8000n, lastYear('04-01'));
    await invoice(euro.id, 2000n, lastYear('05-01'));
    await invoice(dollar.id, 9900n, lastYear('04-01'), 'USD');
    await pay({ customerId: euro.id, amount: '30.00' });
    await pay({ customerId: euro.id, amount: '100.00' }); // 70.00 settles the rest, 30.00 is credit
    await pay({ customerId: dollar.id, amount: '50.00', method: 'cheque' });
    await invoice(euro.id, 1000n, today()); // paid from the credit

    const balance = await trialBalance(harness.ctx, { asOf: '2099-12-31' });
    expect(balance.totals.map((total) => total.currency).sort()).toEqual(['EUR', 'USD']);
    for (const total of balance.totals) expect(total.debits).toEqual(total.credits);

    for (const who of [euro, dollar]) {
      const statement = await customerStatement(harness.ctx, who.id, { to: '2099-12-31' });
      const [receivable] = await harness.ctx.db
        .select({ sum: sql<string>`coalesce(sum(${journalLines.amountMinor}), 0)::text` })
        .from(journalLines)
        .where(and(eq(journalLines.customerId, who.id), eq(journalLines.accountCode, '1100')));
      expect(statement.closingBalance.amountMinor).toBe(BigInt(receivable!.sum));
    }
    expect((await customerStatement(harness.ctx, euro.id, { to: '2099-12-31' })).closingBalance.amountMinor).toBe(0n);
    expect((await customerStatement(harness.ctx, dollar.id, { to: '2099-12-31' })).closingBalance.amountMinor).toBe(4900n);
  });
});

describe('listing payments', () => {
  it('pages newest received first and filters by customer, method, received days and review', async () => {
    const payer = await customer();
    const recorded = [];
    for (const [day, method] of [['03-01', 'cash'], ['03-02', 'cheque'], ['03-03', 'cash'], ['03-04', 'bank_transfer']] as const) {
      recorded.push(await pay({ customerId: payer.id, amount: '5.00', method, receivedOn: lastYear(day) }));
    }
    const first = await listCustomerPayments(harness.ctx, payer.id, { limit: 3 });
    expect(first.items.map((p) => p.receivedOn)).toEqual([lastYear('03-04'), lastYear('03-03'), lastYear('03-02')]);
    const second = await listCustomerPayments(harness.ctx, payer.id, { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((p) => p.id)).toEqual([recorded[0]!.id]);
    expect(second.nextCursor).toBeNull();

    const cash = await listPayments(harness.ctx, { customerId: payer.id, method: 'cash', from: lastYear('03-02'), to: lastYear('03-31') });
    expect(cash.items.map((p) => p.id)).toEqual([recorded[2]!.id]);
    expect((await listPayments(harness.ctx, { customerId: payer.id, needsReview: 'true' })).items).toEqual([]);
    expect((await listPayments(harness.ctx, { customerId: payer.id, needsReview: 'false' })).items).toHaveLength(4);
    expect((await getPayment(harness.ctx, recorded[1]!.id)).customer).toMatchObject({ id: payer.id, name: 'Grace Hopper' });

    const refused = await listPayments(harness.ctx, { method: 'barter', from: lastYear('05-01'), to: lastYear('04-01') }).catch((e: unknown) => e);
    expect((refused as ValidationError).problems).toEqual([{ field: 'method', message: 'must be one of card, bank_transfer, cash, cheque' }]);
    const backwards = await listPayments(harness.ctx, { from: lastYear('05-01'), to: lastYear('04-01') }).catch((e: unknown) => e);
    expect((backwards as ValidationError).problems).toEqual([{ field: 'from', message: `must be on or before to (${lastYear('04-01')})` }]);
  });
});
