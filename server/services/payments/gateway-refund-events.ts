// Refunds and disputes the card gateway reports, booked once each whatever order and however often
// the reports come. A refund we asked for is found booked under its gateway id; one made on the
// gateway's dashboard is booked now. A dispute takes the money back when the bank withdraws it,
// and a dispute won brings it back as a new payment, so the books show both movements. A report
// that does not fit the payment (another currency, more than is left) is refused naming why, for
// the webhook handler to keep for staff. Each answer names the hand-offs it committed, for the
// caller to deliver at once (the relay delivers them otherwise).
import { eq } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import { formatMoney, money, type Money } from '../../../billing/money.js';
import { businessDateAt } from '../../../billing/payments/business-date.js';
import { disputeEffect, gatewayRefundMovesMoney, gatewayReportProblem, reportedAmountMismatch } from '../../../billing/payments/gateway-refunds.js';
import type { Database } from '../../../db/client.js';
import { accountFactKey } from '../../../db/records/handoffs.js';
import { recordPayment } from '../../../db/records/payments.js';
import { findRefundBySourceKey, recordRefund, type RefundToRecord } from '../../../db/records/refunds.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { payments } from '../../../db/schema.js';
import type { GatewayEvent } from '../../../payments/gateway.js';

export type GatewayRefundEvent = Extract<GatewayEvent, { type: 'refund' }>;
export type GatewayDisputeEvent = Extract<GatewayEvent, { type: 'dispute_opened' | 'dispute_closed' }>;

export interface GatewayReportOptions {
  /** The company's time zone: the refund is dated on the day the gateway made it there. Default UTC. */
  timeZone?: string;
}

/** What was done with a report, in a sentence for staff (the gateway event's outcome). */
export interface GatewayReportOutcome {
  outcome: 'booked' | 'already-booked' | 'ignored';
  description: string;
  /** The account hand-offs committed with it (refund issued, payment received). */
  handoffKeys: string[];
}

export type GatewayReportProblem = 'unknown-charge' | 'mismatch' | 'unassigned' | 'failed-after-booking';

/** A report that cannot be booked as it says: `message` names the mismatch, for staff. Nothing was stored. */
export class GatewayReportRefusedError extends Error {
  override readonly name = 'GatewayReportRefusedError';
  constructor(
    message: string,
    readonly problem: GatewayReportProblem,
  ) {
    super(message);
  }
}

const RECORDED_BY = 'gateway';

export async function recordGatewayRefund(db: Database, event: GatewayRefundEvent, options: GatewayReportOptions = {}): Promise<GatewayReportOutcome> {
  const what = `Refund ${event.refundId}`;
  const sourceKey = `gateway-refund:${event.refundId}`;
  if (!gatewayRefundMovesMoney(event.status)) {
    const booked = await findRefundBySourceKey(db, sourceKey);
    if (booked && (event.status === 'failed' || event.status === 'canceled')) {
      throw new GatewayReportRefusedError(
        `${what} of ${formatMoney(booked.amount)} on payment ${booked.paymentNumber} was booked, but the gateway now says it ${event.status}: ` +
          'the money did not reach the customer. Pay it out another way, or take the refund back in the books.',
        'failed-after-booking',
      );
    }
    return { outcome: 'ignored', description: `${what} is ${event.status}: booked once the gateway makes it`, handoffKeys: [] };
  }
  const payment = await paymentOfCharge(db, event.chargeId, what);
  return db.transaction(async (tx) => {
    const taken = await takeBack(tx, payment, what, event.amount, {
      paymentId: payment.id,
      kind: 'refund',
      reason: 'Refunded at the card gateway',
      refundedOn: dateOf(event, options),
      sourceKey,
      gatewayRefundId: event.refundId,
      recordedBy: RECORDED_BY,
    });
    return taken;
  });
}

export async function recordDispute(db: Database, event: GatewayDisputeEvent, options: GatewayReportOptions = {}): Promise<GatewayReportOutcome> {
  const what = `Dispute ${event.disputeId}`;
  const effect = disputeEffect(event.status);
  if (effect === 'nothing') return { outcome: 'ignored', description: `${what} is ${event.status}: no money moved`, handoffKeys: [] };
  const payment = await paymentOfCharge(db, event.chargeId, what);
  const on = dateOf(event, options);
  return db.transaction(async (tx) => {
    // Also when the dispute's first report is its closing: the money was withdrawn before it came back.
    const taken = await takeBack(tx, payment, what, event.amount, {
      paymentId: payment.id,
      kind: 'dispute',
      reason: `Disputed by the card holder's bank (${event.reason.replaceAll('_', ' ')})`,
      refundedOn: on,
      sourceKey: `dispute:${event.disputeId}`,
      recordedBy: RECORDED_BY,
    });
    if (effect === 'take-back') return taken;
    const returned = await recordPayment(tx, {
      sourceKey: `dispute-won:${event.disputeId}`,
      customerId: payment.customerId,
      method: 'card',
      amount: event.amount,
      receivedOn: on,
      reference: `${what} won (charge ${event.chargeId}, payment ${payment.number})`,
      recordedBy: RECORDED_BY,
    });
    if (returned.alreadyRecorded) return { outcome: 'already-booked', description: `${what} won: already booked as payment ${returned.number}`, handoffKeys: taken.handoffKeys };
    return {
      outcome: 'booked',
      description: `${what} won: ${formatMoney(event.amount)} back as payment ${returned.number}`,
      handoffKeys: [...taken.handoffKeys, accountFactKey(payment.customerId!, { kind: 'payment-received', paymentId: returned.paymentId })],
    };
  });
}

interface ChargedPayment {
  id: string;
  number: string;
  customerId: string | null;
  amount: Money;
}

async function paymentOfCharge(db: Database, chargeId: string, what: string): Promise<ChargedPayment> {
  const [row] = await db.select().from(payments).where(eq(payments.gatewayChargeId, chargeId));
  if (!row) {
    // Perhaps its payment is reported later: refused now, the gateway sends it again.
    throw new GatewayReportRefusedError(`${what} is for charge ${chargeId}, which is no payment of ours`, 'unknown-charge');
  }
  return { id: row.id, number: row.number, customerId: row.customerId, amount: money(row.amountMinor, row.currency) };
}

/** Books money going back (once per source key), or refuses it naming why. */
async function takeBack(tx: Transaction, payment: ChargedPayment, what: string, reported: Money, refund: Omit<RefundToRecord, 'amount'>): Promise<GatewayReportOutcome> {
  const outcome = await recordRefund(tx, { ...refund, amount: reported });
  if (!outcome.ok) {
    if (outcome.reason === 'unassigned') throw new GatewayReportRefusedError(`${what}: ${outcome.message}`, 'unassigned');
    if (outcome.reason === 'refused') {
      const problem = gatewayReportProblem(what, reported, { number: payment.number, amount: payment.amount }, outcome.refundable);
      throw new GatewayReportRefusedError(problem ?? `${what}: ${outcome.problem}`, 'mismatch');
    }
    throw new GatewayReportRefusedError(`${what} names payment ${payment.number}, which is gone`, 'unknown-charge');
  }
  const handoffKeys = [accountFactKey(outcome.customerId, { kind: 'refund-issued', refundId: outcome.refundId })];
  if (outcome.alreadyRecorded) {
    const mismatch = reportedAmountMismatch(what, reported, outcome.amount);
    if (mismatch) throw new GatewayReportRefusedError(mismatch, 'mismatch');
    return { outcome: 'already-booked', description: `${what}: already booked on payment ${payment.number}`, handoffKeys };
  }
  return { outcome: 'booked', description: `${what}: ${formatMoney(reported)} taken back from payment ${payment.number}`, handoffKeys };
}

function dateOf(event: { created: Date }, options: GatewayReportOptions): IsoDate {
  return businessDateAt(event.created.getTime(), options.timeZone ?? 'UTC');
}
