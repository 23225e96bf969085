// Card refunds and disputes on real Postgres against the gateway stand-in over HTTP, through the
// real stripe SDK: a refund whose answer is lost is made once at the gateway however often the
// request is retried, and booked once; the webhook reporting it books nothing more; a refund made
// on the gateway's dashboard is booked from its webhook; a dispute takes the money back and, won,
// brings it back as a payment of its own; reports that do not fit are refused naming why.
import { and, count, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../billing/money.js';
import { invoiceBalance, openInvoicesOf } from '../../db/records/invoice-balances.js';
import { customers, items, journalEntries, payments, refunds } from '../../db/schema.js';
import type { GatewayEvent, PaymentGateway } from '../../payments/gateway.js';
import { startGatewayStandIn, type GatewayStandIn } from '../../payments/stand-in/index.js';
import { createStripeGateway } from '../../payments/stripe-gateway.js';
import { createApiKey } from '../../server/services/access/api-keys.js';
import { customerStatement } from '../../server/services/books/customer-statement.js';
import { trialBalance } from '../../server/services/books/trial-balance.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ServiceUnavailableError } from '../../server/services/errors.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import {
  GatewayReportRefusedError,
  recordDispute,
  recordGatewayRefund,
  type GatewayDisputeEvent,
  type GatewayRefundEvent,
} from '../../server/services/payments/gateway-refund-events.js';
import { listPaymentRefunds } from '../../server/services/payments/refund-records.js';
import { refundPayment, type RefundRequestOrigin } from '../../server/services/payments/refunds.js';
import { startAnswerDroppingProxy, type AnswerDroppingProxy } from '../support/answer-dropping-proxy.js';
import { eventually } from '../support/eventually.js';
import { standInCardPayment } from '../support/stand-in-card-payment.js';
import { startWebhookInbox, type WebhookInbox } from '../support/webhook-inbox.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';

let harness: WorkflowHarness;
let ctx: ServiceContext;
let standIn: GatewayStandIn;
let inbox: WebhookInbox;
let proxy: AnswerDroppingProxy;
let gateway: PaymentGateway;
let apiKeyId: string;
let itemId: string;
let made = 0;

beforeAll(async () => {
  harness = await createWorkflowHarness();
  inbox = await startWebhookInbox();
  standIn = await startGatewayStandIn({ webhookUrl: inbox.url });
  proxy = await startAnswerDroppingProxy(standIn.url);
  // No retries of its own: a lost answer reaches our service as an unknown outcome.
  gateway = createStripeGateway({ secretKey: standIn.secretKey, webhookSecret: standIn.webhookSecret, apiBaseUrl: proxy.url, maxNetworkRetries: 0 });
  ctx = { ...harness.ctx, gateway };
  apiKeyId = (await createApiKey(ctx, { name: 'refunds client' })).apiKey.id;
  const [item] = await ctx.db
    .insert(items)
    .values({ name: 'Router', kind: 'part', unitPriceMinor: 100n, currency: 'EUR', revenueAccountCode: '4300', taxRate: '0' })
    .returning();
  itemId = item!.id;
});

afterAll(async () => {
  await proxy?.close();
  await standIn?.close();
  await inbox?.close();
  await harness?.dispose();
});

async function customerWithInvoice(amountMinor: bigint) {
  made += 1;
  const [customer] = await ctx.db
    .insert(customers)
    .values({ name: 'Grace Hopper', email: `card-refund-${made}@example.net`, currency: 'EUR', status: 'active', paymentTermsDays: 14 })
    .returning();
  const { invoice } = await createOneOffInvoice(ctx, { customerId: customer!.id, issueDate: '2026-11-10', lines: [{ itemId, quantity: '1', unitAmountMinor: String(amountMinor) }] });
  return { customer: customer!, invoice };
}

const cardPayment = (customerId: string, amountMinor: bigint) => standInCardPayment({ ...ctx, gateway }, standIn.controls, customerId, amountMinor);

const byApi = (key: string): RefundRequestOrigin => ({ recordedBy: 'api-key:test', timeZone: 'UTC', idempotency: { apiKeyId, key } });

/** The webhook the stand-in sent for `objectId`, verified and read by the adapter as the portal would. */
async function webhookFor<T extends GatewayEvent['type']>(gatewayType: string, objectId: string, after = 0): Promise<Extract<GatewayEvent, { type: T }>> {
  const received = await eventually(
    async () => {
      const found = inbox.received.slice(after).find((hook) => hook.type === gatewayType && hook.objectId === objectId);
      if (!found) throw new Error(`no ${gatewayType} for ${objectId} yet`);
      return found;
    },
    { what: `the ${gatewayType} webhook` },
  );
  return (await gateway.parseWebhook(received.rawBody, received.signature)) as Extract<GatewayEvent, { type: T }>;
}

async function gatewayRefundsOf(chargeId: string) {
  return (await standIn.controls.events('refund.created')).filter((event) => event.data.object.charge === chargeId).map((event) => event.data.object.id);
}

const bookedRefunds = async (paymentId: string) => (await ctx.db.select({ n: count() }).from(refunds).where(eq(refunds.paymentId, paymentId)))[0]!.n;
const openMinor = async (invoiceId: string) => (await invoiceBalance(ctx.db, invoiceId))!.openMinor;

async function expectBalancedBooks(customerId: string) {
  for (const total of (await trialBalance(ctx)).totals) expect(total.debits).toEqual(total.credits);
  const open = (await openInvoicesOf(ctx.db, customerId, 'EUR')).reduce((sum, invoice) => sum + invoice.openMinor, 0n);
  expect((await customerStatement(ctx, customerId, {})).closingBalance).toEqual(money(open, 'EUR'));
}

describe('refunding a card payment', () => {
  it('is made once at the gateway however often the request is retried after a lost answer, booked once, and its webhook books nothing more', async () => {
    const { customer, invoice } = await customerWithInvoice(5000n);
    const payment = await cardPayment(customer.id, 5000n);
    const request = { amount: '20.00', reason: 'Router returned' };

    // The SDK sends a request again at once when its connection closes (a stale keep-alive socket),
    // with the same key: both answers are lost.
    proxy.dropNextAnswer('POST', /^\/v1\/refunds/);
    proxy.dropNextAnswer('POST', /^\/v1\/refunds/);
    const lost = await refundPayment(ctx, payment.paymentId, request, byApi('refund-lost-answer')).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(ServiceUnavailableError);
    expect((lost as Error).message).toMatch(/did not answer.*nothing was recorded.*same Idempotency-Key/);
    expect(proxy.dropped()).toBe(2);
    expect(await bookedRefunds(payment.paymentId)).toBe(0);
    // The gateway did make it.
    const [made] = await gatewayRefundsOf(payment.chargeId);
    expect(made).toMatch(/^re_/);

    const retried = await refundPayment(ctx, payment.paymentId, request, byApi('refund-lost-answer'));
    expect(retried.replayed).toBe(false);
    expect(retried.refund).toMatchObject({ gatewayRefundId: made, amount: money(2000n, 'EUR'), reason: 'Router returned', kind: 'refund' });
    const again = await refundPayment(ctx, payment.paymentId, request, byApi('refund-lost-answer'));
    expect(again).toEqual({ refund: retried.refund, replayed: true });
    expect(await gatewayRefundsOf(payment.chargeId)).toEqual([made]);
    expect(await bookedRefunds(payment.paymentId)).toBe(1);
    expect(await openMinor(invoice.id)).toBe(2000n);

    const reported = await webhookFor<'refund'>('refund.created', made!);
    expect(reported).toMatchObject({ type: 'refund', refundId: made, chargeId: payment.chargeId, amount: money(2000n, 'EUR'), status: 'succeeded' });
    expect(await recordGatewayRefund(ctx.db, reported)).toMatchObject({ outcome: 'already-booked' });
    expect(await bookedRefunds(payment.paymentId)).toBe(1);
    const entries = await ctx.db.select().from(journalEntries).where(and(eq(journalEntries.sourceType, 'refund'), eq(journalEntries.sourceId, retried.refund.id)));
    expect(entries).toHaveLength(1);
    await expectBalancedBooks(customer.id);
  });

  it('refunds everything left when no amount is given, by the key given once', async () => {
    const { customer, invoice } = await customerWithInvoice(3000n);
    const payment = await cardPayment(customer.id, 3000n);
    const first = await refundPayment(ctx, payment.paymentId, { amount: '5.00', reason: 'Late installation' }, byApi('card-partial'));
    const rest = await refundPayment(ctx, payment.paymentId, { reason: 'Contract withdrawn' }, byApi('card-rest'));
    expect(rest.refund.amount).toEqual(money(2500n, 'EUR'));
    // Retried after it was booked, "everything left" is still the refund made, not a refusal.
    expect(await refundPayment(ctx, payment.paymentId, { reason: 'Contract withdrawn' }, byApi('card-rest'))).toEqual({ refund: rest.refund, replayed: true });
    expect((await gatewayRefundsOf(payment.chargeId)).sort()).toEqual([first.refund.gatewayRefundId, rest.refund.gatewayRefundId].sort());
    expect(await openMinor(invoice.id)).toBe(3000n);
    await expectBalancedBooks(customer.id);
  });

  it('is refused clearly where no gateway is configured, storing nothing', async () => {
    const { customer } = await customerWithInvoice(1000n);
    const payment = await cardPayment(customer.id, 1000n);
    const refusal = await refundPayment({ ...ctx, gateway: undefined }, payment.paymentId, { reason: 'Cancelled' }, byApi('no-gateway')).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceUnavailableError);
    expect((refusal as Error).message).toMatch(new RegExp(`Payment ${payment.number} was made by card \\(Visa ending 4242\\).*card gateway`));
    expect(await bookedRefunds(payment.paymentId)).toBe(0);
    expect(await gatewayRefundsOf(payment.chargeId)).toEqual([]);
  });
});

describe('refunds the gateway reports', () => {
  it('books a refund made on the gateway’s dashboard from its webhook, once however often it is delivered', async () => {
    const { customer, invoice } = await customerWithInvoice(4000n);
    const payment = await cardPayment(customer.id, 4000n);
    const url = new URL(standIn.url);
    const dashboard = new Stripe(standIn.secretKey, { host: url.hostname, port: Number(url.port), protocol: 'http', telemetry: false });
    const made = await dashboard.refunds.create({ payment_intent: payment.intentId, amount: 1500 });

    const reported = await webhookFor<'refund'>('refund.created', made.id);
    expect(await recordGatewayRefund(ctx.db, reported)).toMatchObject({ outcome: 'booked', handoffKeys: [expect.stringMatching(/^refund-issued:/)] });
    const before = inbox.received.length;
    await standIn.controls.redeliver(reported.id);
    expect(await recordGatewayRefund(ctx.db, await webhookFor<'refund'>('refund.created', made.id, before))).toMatchObject({ outcome: 'already-booked' });

    const [booked] = await listPaymentRefunds(ctx, payment.paymentId);
    expect(booked).toMatchObject({ gatewayRefundId: made.id, amount: money(1500n, 'EUR'), recordedBy: 'gateway' });
    expect(await bookedRefunds(payment.paymentId)).toBe(1);
    expect(await openMinor(invoice.id)).toBe(1500n);
    await expectBalancedBooks(customer.id);
  });

  it('refuses a report that does not fit the payment, naming why, and stores nothing', async () => {
    const { customer } = await customerWithInvoice(2000n);
    const payment = await cardPayment(customer.id, 2000n);
    const report = (changes: Partial<GatewayRefundEvent>): GatewayRefundEvent => ({
      id: `evt_test_${made++}`,
      created: new Date(),
      type: 'refund',
      refundId: `re_test_${made++}`,
      intentId: payment.intentId,
      chargeId: payment.chargeId,
      amount: money(1000n, 'EUR'),
      status: 'succeeded',
      ...changes,
    });
    const refusal = (event: GatewayRefundEvent) => recordGatewayRefund(ctx.db, event).catch((error: unknown) => error as GatewayReportRefusedError);

    const tooMuch = await refusal(report({ refundId: 're_too_much', amount: money(2500n, 'EUR') }));
    expect(tooMuch).toBeInstanceOf(GatewayReportRefusedError);
    expect(tooMuch).toMatchObject({ problem: 'mismatch', message: `Refund re_too_much of €25.00 is more than the €20.00 left to refund on this payment (payment ${payment.number} of €20.00)` });
    expect(await refusal(report({ refundId: 're_dollars', amount: money(1000n, 'USD') }))).toMatchObject({
      problem: 'mismatch',
      message: `Refund re_dollars is in USD, but payment ${payment.number} was made in EUR`,
    });
    expect(await refusal(report({ chargeId: 'ch_not_ours' }))).toMatchObject({ problem: 'unknown-charge' });
    expect(await bookedRefunds(payment.paymentId)).toBe(0);

    // Less than expected is booked for what it says; the same refund reported for more is refused.
    expect(await recordGatewayRefund(ctx.db, report({ refundId: 're_partial', amount: money(700n, 'EUR') }))).toMatchObject({ outcome: 'booked' });
    expect(await refusal(report({ refundId: 're_partial', amount: money(800n, 'EUR') }))).toMatchObject({
      problem: 'mismatch',
      message: 'Refund re_partial reports €8.00, but €7.00 was booked for it',
    });
    expect(await recordGatewayRefund(ctx.db, report({ refundId: 're_failed', status: 'failed' }))).toMatchObject({ outcome: 'ignored' });
    expect(await refusal(report({ refundId: 're_partial', amount: money(700n, 'EUR'), status: 'failed' }))).toMatchObject({ problem: 'failed-after-booking' });
    expect(await bookedRefunds(payment.paymentId)).toBe(1);
    await expectBalancedBooks(customer.id);
  });
});

describe('disputes', () => {
  it('take the money back when the bank withdraws it, and a dispute won brings it back as a payment of its own', async () => {
    const { customer, invoice } = await customerWithInvoice(4000n);
    const payment = await cardPayment(customer.id, 4000n);
    const dispute = await standIn.controls.openDispute(payment.chargeId);

    const opened = await webhookFor<'dispute_opened'>('charge.dispute.created', dispute.id);
    expect(await recordDispute(ctx.db, opened as GatewayDisputeEvent)).toMatchObject({ outcome: 'booked' });
    expect(await recordDispute(ctx.db, opened as GatewayDisputeEvent)).toMatchObject({ outcome: 'already-booked' });
    const [withdrawn] = await listPaymentRefunds(ctx, payment.paymentId);
    expect(withdrawn).toMatchObject({ kind: 'dispute', amount: money(4000n, 'EUR'), gatewayRefundId: null });
    expect(withdrawn!.reopened.map((r) => [r.invoiceId, r.amount.amountMinor])).toEqual([[invoice.id, 4000n]]);
    expect(await openMinor(invoice.id)).toBe(4000n);

    await standIn.controls.closeDispute(dispute.id, 'won');
    const won = await webhookFor<'dispute_closed'>('charge.dispute.closed', dispute.id);
    const outcome = await recordDispute(ctx.db, won as GatewayDisputeEvent);
    expect(outcome).toMatchObject({ outcome: 'booked', description: expect.stringMatching(/won: €40\.00 back as payment PAY-/) });
    expect(await recordDispute(ctx.db, won as GatewayDisputeEvent)).toMatchObject({ outcome: 'already-booked' });

    const customerPayments = await ctx.db.select().from(payments).where(eq(payments.customerId, customer.id));
    expect(customerPayments.map((p) => [p.sourceKey, p.method, p.amountMinor]).sort()).toEqual(
      [
        [`gateway:${payment.chargeId}`, 'card', 4000n],
        [`dispute-won:${dispute.id}`, 'card', 4000n],
      ].sort(),
    );
    expect(await openMinor(invoice.id)).toBe(0n);
    await expectBalancedBooks(customer.id);
  });

  it('lost after the money was taken back books nothing more; a closing reported first takes it back once', async () => {
    const { customer, invoice } = await customerWithInvoice(2500n);
    const payment = await cardPayment(customer.id, 2500n);
    const dispute = await standIn.controls.openDispute(payment.chargeId, { amount: 1000 });
    await recordDispute(ctx.db, (await webhookFor<'dispute_opened'>('charge.dispute.created', dispute.id)) as GatewayDisputeEvent);
    await standIn.controls.closeDispute(dispute.id, 'lost');
    const lost = (await webhookFor<'dispute_closed'>('charge.dispute.closed', dispute.id)) as GatewayDisputeEvent;
    expect(await recordDispute(ctx.db, lost)).toMatchObject({ outcome: 'already-booked' });
    expect(await bookedRefunds(payment.paymentId)).toBe(1);
    expect(await openMinor(invoice.id)).toBe(1000n);

    // Reports out of order: a dispute whose closing (lost) arrives before its opening.
    const other = await customerWithInvoice(1200n);
    const otherPayment = await cardPayment(other.customer.id, 1200n);
    const closedFirst: GatewayDisputeEvent = { ...lost, id: 'evt_closed_first', disputeId: 'dp_closed_first', chargeId: otherPayment.chargeId, amount: money(1200n, 'EUR') };
    expect(await recordDispute(ctx.db, closedFirst)).toMatchObject({ outcome: 'booked' });
    expect(await recordDispute(ctx.db, { ...closedFirst, id: 'evt_opened_late', type: 'dispute_opened', status: 'needs_response' })).toMatchObject({ outcome: 'already-booked' });
    expect(await bookedRefunds(otherPayment.paymentId)).toBe(1);
    expect(await recordDispute(ctx.db, { ...closedFirst, id: 'evt_inquiry', disputeId: 'dp_inquiry', status: 'warning_needs_response' })).toMatchObject({ outcome: 'ignored' });
    await expectBalancedBooks(customer.id);
    await expectBalancedBooks(other.customer.id);
  });
});
