// Money the gateway reports is checked against what we asked for before anything is marked paid:
// another amount or currency is still booked (it is money we hold), but unallocated and marked for
// staff; money no attempt of ours asked for likewise; and each event is acted on once by its id.
// Real Postgres; the gateway only names itself here (the events are given as parsed).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS } from '../../billing/ledger.js';
import { money } from '../../billing/money.js';
import { attemptKeys } from '../../billing/payments/payment-attempts.js';
import { invoiceBalance } from '../../db/records/invoice-balances.js';
import { issueItemInvoice } from '../../db/records/item-invoices.js';
import { ensureAttempt, recordAttemptIntent } from '../../db/records/payment-attempts.js';
import { customers, journalLines, paymentAllocations, paymentAttempts, payments } from '../../db/schema.js';
import type { GatewayEvent, PaymentGateway } from '../../payments/gateway.js';
import { startGatewayStandIn, type GatewayStandIn } from '../../payments/stand-in/index.js';
import { createStripeGateway } from '../../payments/stripe-gateway.js';
import { handleGatewayEvent } from '../../server/services/card-payments/gateway-events.js';
import type { CardPaymentDeps } from '../../server/services/card-payments/card-payment-deps.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let standIn: GatewayStandIn;
let gateway: PaymentGateway;
let made = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  standIn = await startGatewayStandIn();
  gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: standIn.url });
});

afterAll(async () => {
  await standIn?.close();
  await database?.dispose();
});

const deps = (): CardPaymentDeps => ({ db: database.handle.db, gateway, timeZone: 'Europe/Berlin' });

/** A customer with one open invoice of 100.00 EUR and its card attempt at the gateway. */
async function invoiceWithAttempt() {
  const { db } = database.handle;
  const n = ++made;
  const [customer] = await db.insert(customers).values({ name: `Amount Check ${n}`, email: `amounts-${n}@example.net`, currency: 'EUR', status: 'active' }).returning();
  const invoiceId = randomUUID();
  await db.transaction((tx) =>
    issueItemInvoice(tx, {
      invoiceId,
      customerId: customer!.id,
      currency: 'EUR',
      issueDate: '2026-11-02',
      lines: [{ itemId: null, description: 'Router', quantity: '1', unitAmountMinor: 10000n, taxRate: '0', revenueAccountCode: '4300' }],
    }),
  );
  const attempt = await ensureAttempt(db, { attemptKey: attemptKeys.forInvoice(invoiceId), customerId: customer!.id, invoiceId, gateway: 'stripe', amount: money(10000n, 'EUR') });
  const intentId = `pi_amounts_${n}`;
  await recordAttemptIntent(db, attempt.id, intentId);
  return { customerId: customer!.id, invoiceId, attemptId: attempt.id, intentId };
}

function succeeded(intentId: string, amountMinor: bigint, currency: string, metadata: Record<string, string> = {}): GatewayEvent {
  return { id: `evt_${randomUUID()}`, created: new Date(), type: 'payment_succeeded', intentId, chargeId: `ch_${randomUUID()}`, amount: money(amountMinor, currency), metadata };
}

async function paymentsOf(customerId: string) {
  return database.handle.db.select().from(payments).where(eq(payments.customerId, customerId));
}

async function booksBalance() {
  const rows = await database.handle.db
    .select({ currency: journalLines.currency, sum: sql<string>`sum(${journalLines.amountMinor})::text` })
    .from(journalLines)
    .groupBy(journalLines.currency);
  for (const row of rows) expect(row.sum, `the books in ${row.currency}`).toBe('0');
}

describe('a payment the gateway reports', () => {
  it('pays the invoice when it is exactly what the attempt asked for, once however often the event comes', async () => {
    const { customerId, invoiceId, attemptId, intentId } = await invoiceWithAttempt();
    const event = succeeded(intentId, 10000n, 'EUR');
    expect(await handleGatewayEvent(deps(), event)).toMatch(/payment recorded/);
    expect(await handleGatewayEvent(deps(), event)).toBe('already handled');
    expect(await paymentsOf(customerId)).toHaveLength(1);
    expect((await invoiceBalance(database.handle.db, invoiceId))?.paymentStatus).toBe('paid');
    const [attempt] = await database.handle.db.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
    expect(attempt?.status).toBe('succeeded');
    await booksBalance();
  });

  it('books another amount unallocated for staff and leaves the invoice open', async () => {
    const { customerId, invoiceId, intentId } = await invoiceWithAttempt();
    await handleGatewayEvent(deps(), succeeded(intentId, 9000n, 'EUR'));
    const [payment] = await paymentsOf(customerId);
    expect(payment?.needsReview).toBe('The gateway reported €90.00 where €100.00 was asked for');
    expect(await database.handle.db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, payment!.id))).toEqual([]);
    expect(await invoiceBalance(database.handle.db, invoiceId)).toMatchObject({ openMinor: 10000n, paymentStatus: 'open' });
    const [held] = await database.handle.db
      .select({ amountMinor: journalLines.amountMinor })
      .from(journalLines)
      .where(and(eq(journalLines.accountCode, ACCOUNTS.unallocatedReceipts), eq(journalLines.customerId, customerId)));
    expect(held?.amountMinor).toBe(-9000n);
    await booksBalance();
  });

  it('books another currency unallocated for staff, never as the invoice paid', async () => {
    const { customerId, invoiceId, intentId } = await invoiceWithAttempt();
    await handleGatewayEvent(deps(), succeeded(intentId, 10000n, 'USD'));
    const [payment] = await paymentsOf(customerId);
    expect(payment).toMatchObject({ currency: 'USD', amountMinor: 10000n });
    expect(payment?.needsReview).toMatch(/where €100\.00 was asked for/);
    expect((await invoiceBalance(database.handle.db, invoiceId))?.paymentStatus).toBe('open');
    await booksBalance();
  });

  it('books money no attempt of ours asked for, for the customer its metadata names, for review', async () => {
    const { customerId, invoiceId } = await invoiceWithAttempt();
    const outcome = await handleGatewayEvent(deps(), succeeded('pi_made_on_the_dashboard', 10000n, 'EUR', { customerId }));
    expect(outcome).toMatch(/booked for review/);
    const [payment] = await paymentsOf(customerId);
    expect(payment?.needsReview).toMatch(/no payment attempt of ours asked for/);
    expect((await invoiceBalance(database.handle.db, invoiceId))?.paymentStatus).toBe('open');
    await booksBalance();
  });
});
