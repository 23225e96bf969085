// Giving a payment back, whole or in part. Money staff received by hand (bank transfer, cash,
// cheque) is refunded in our books only: staff pay it out themselves. A card payment is refunded
// at the gateway first, under an idempotency key derived from the request's own key, and then
// booked under the gateway's refund id, so the webhook reporting that refund finds it booked and a
// retried request gets the same refund from the gateway and books it once.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { formatMoney, money, type Money } from '../../../billing/money.js';
import { parseDecimalAmount } from '../../../billing/money-decimal.js';
import { businessDateAt } from '../../../billing/payments/business-date.js';
import { gatewayRefundMovesMoney, unassignedRefundRefusal } from '../../../billing/payments/gateway-refunds.js';
import { awaitsAssignment } from '../../../billing/payments/payment-assignment.js';
import { paymentMethodLabel } from '../../../billing/payments/payment-methods.js';
import { accountFactKey } from '../../../db/records/handoffs.js';
import { recordRefund, refundedMinor, type RefundRecording, type RefundToRecord } from '../../../db/records/refunds.js';
import { paymentAttempts, payments, refunds } from '../../../db/schema.js';
import type { GatewayRequestError, GatewayUnavailableError, RefundResult } from '../../../payments/gateway.js';
import type { ServiceContext } from '../context.js';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors.js';
import { deliverCommittedHandoffs } from '../handoffs/deliver-handoffs.js';
import {
  claimIdempotencyKey,
  hashRequest,
  lostRaceForKey,
  recordIdempotentRequest,
  resourceOfEarlierRequest,
  type IdempotencyKey,
  type IdempotentRequest,
} from '../idempotent-requests.js';
import { fieldProblems, required } from '../invoices/item-line-input.js';
import { getRefund, type RefundView } from './refund-records.js';

const REFUND_PAYMENT = 'refund-payment';

export const refundRequestSchema = z
  .object(
    {
      /** In the payment's currency, in major units ("20.00"); everything left to refund when left out. */
      amount: z.string(required('must be the amount as a decimal string such as "20.00"')).trim().optional(),
      /** Why the money goes back: kept with the refund and shown to the customer. */
      reason: z
        .string(required('must be text'))
        .trim()
        .min(1, 'is required: say why the money is given back')
        .max(500, 'must be at most 500 characters'),
    },
    'must be a JSON object',
  )
  .strict();

type RefundRequest = z.output<typeof refundRequestSchema>;

/** Who asks, and what makes their request one request however often it is sent. */
export interface RefundRequestOrigin {
  /** Kept on the refund: `staff:<email>`, `api-key:<prefix>`, `cli`. */
  recordedBy: string;
  /** The company's time zone: the refund is dated today there. */
  timeZone: string;
  /** An API client's `Idempotency-Key`. */
  idempotency?: IdempotencyKey;
  /** The caller's own key when it has no API key to scope one by (the CLI's --idempotency-key, a form's token). */
  requestKey?: { key: string; field: string };
}

export interface IssuedRefund {
  refund: RefundView;
  /** True when an earlier request with the same key had already made it. */
  replayed: boolean;
}

type PaymentToRefund = typeof payments.$inferSelect & { intentId: string | null };

/**
 * Refunds `input.amount` of the payment (all that is left when omitted). Refusals name the field
 * and store nothing; a card refund whose outcome the gateway left unknown stores nothing either
 * and is answered ServiceUnavailableError: the same request with the same key is then safe to send.
 */
export async function refundPayment(ctx: ServiceContext, paymentId: string, input: unknown, origin: RefundRequestOrigin): Promise<IssuedRefund> {
  if (!z.uuid().safeParse(paymentId).success) throw new NotFoundError('payment', paymentId);
  const parsed = refundRequestSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error, 'a refund'));
  const request = parsed.data;
  const keyed: IdempotentRequest | null = origin.idempotency
    ? { key: origin.idempotency, operation: REFUND_PAYMENT, requestHash: hashRequest({ paymentId, ...request }), resourceLabel: 'a new refund' }
    : null;
  const earlier = keyed && (await refundedEarlier(ctx, keyed));
  if (earlier) return earlier;

  const payment = await paymentToRefund(ctx, paymentId);
  // Our key for this refund: the gateway's idempotency key and a manual refund's source key come from it.
  const refundKey = origin.idempotency
    ? `${origin.idempotency.apiKeyId}/${origin.idempotency.key}`
    : (origin.requestKey?.key ?? randomUUID());
  const manualSourceKey = `refund:${payment.id}:${refundKey}`;
  if (origin.requestKey && payment.method !== 'card') {
    const booked = await bookedEarlier(ctx, manualSourceKey, request, origin.requestKey.field);
    if (booked) return booked;
  }
  const amount = await amountToRefund(ctx, payment, request.amount);
  const refundedOn = businessDateAt(Date.now(), origin.timeZone);
  const toRecord: Omit<RefundToRecord, 'sourceKey' | 'amount'> = {
    paymentId: payment.id,
    kind: 'refund',
    reason: request.reason,
    refundedOn,
    recordedBy: origin.recordedBy,
  };

  let recorded: { amount: Money; sourceKey: string; gatewayRefundId?: string };
  if (payment.method === 'card') {
    const gatewayRefund = await refundAtGateway(ctx, payment, amount, `refund:${payment.id}:${refundKey}`);
    recorded = { amount: gatewayRefund.amount, sourceKey: `gateway-refund:${gatewayRefund.refundId}`, gatewayRefundId: gatewayRefund.refundId };
  } else {
    recorded = { amount, sourceKey: manualSourceKey };
  }

  let booked: { refundId: string; replayed: boolean };
  try {
    booked = await ctx.db.transaction(async (tx) => {
      // The key first: a same-key retry sent at the same moment waits here for the first to commit.
      const earlierId = keyed && (await claimIdempotencyKey(tx, keyed));
      if (earlierId) return { refundId: earlierId, replayed: true };
      const outcome = bookedOrRefused(payment, await recordRefund(tx, { ...toRecord, ...recorded }));
      if (keyed) await recordIdempotentRequest(tx, keyed, outcome.refundId);
      // A card refund the gateway gave back for a retried key, or reported meanwhile, is booked once.
      return { refundId: outcome.refundId, replayed: outcome.alreadyRecorded };
    });
  } catch (error) {
    // A concurrent request with the same key committed first.
    const winner = keyed && lostRaceForKey(error) ? await refundedEarlier(ctx, keyed) : null;
    if (winner) return winner;
    throw error;
  }
  const refund = await getRefund(ctx, booked.refundId);
  await deliverRefundHandoff(ctx, refund);
  return { refund, replayed: booked.replayed };
}

async function paymentToRefund(ctx: ServiceContext, paymentId: string): Promise<PaymentToRefund> {
  const [row] = await ctx.db
    .select({ payment: payments, intentId: paymentAttempts.gatewayIntentId })
    .from(payments)
    .leftJoin(paymentAttempts, eq(paymentAttempts.id, payments.paymentAttemptId))
    .where(eq(payments.id, paymentId));
  if (!row) throw new NotFoundError('payment', paymentId);
  if (row.payment.customerId === null || awaitsAssignment(row.payment)) throw new ConflictError(unassignedRefundRefusal(row.payment.number));
  return { ...row.payment, intentId: row.intentId };
}

/** The amount asked, in the payment's currency, or all that is left; more than is left is refused naming `amount`. */
async function amountToRefund(ctx: ServiceContext, payment: PaymentToRefund, asked: string | undefined): Promise<Money> {
  const left = money(payment.amountMinor - (await refundedMinor(ctx.db, payment.id)), payment.currency);
  if (asked === undefined) {
    if (left.amountMinor <= 0n) throw new ConflictError(`Payment ${payment.number} is refunded in full; nothing is left to refund.`);
    return left;
  }
  const parsed = parseDecimalAmount(asked, payment.currency);
  if (!parsed.ok) throw new ValidationError([{ field: 'amount', message: parsed.reason }]);
  const amount = money(parsed.amountMinor, payment.currency);
  if (amount.amountMinor > left.amountMinor) {
    throw new ValidationError([{ field: 'amount', message: `is more than the ${formatMoney(left)} left to refund on payment ${payment.number}` }]);
  }
  return amount;
}

/** The refund made at the gateway, or the reason it cannot be: nothing is booked before it answers. */
async function refundAtGateway(ctx: ServiceContext, payment: PaymentToRefund, amount: Money, idempotencyKey: string): Promise<RefundResult> {
  const card = paymentMethodLabel('card', { brand: payment.cardBrand, last4: payment.cardLast4 });
  if (!ctx.gateway) {
    throw new ServiceUnavailableError(
      `Payment ${payment.number} was made by card (${card}): it is refunded through the card gateway, which this process has not got. ` +
        'Refund it from the staff pages or the API of the running portal.',
    );
  }
  if (!payment.intentId) {
    throw new ConflictError(
      `Payment ${payment.number} was made by card, but no payment attempt of ours is on record for it: refund it on the gateway's dashboard; ` +
        'the refund it reports is then booked here.',
    );
  }
  let result: RefundResult;
  try {
    result = await ctx.gateway.refund({ intentId: payment.intentId, amount, idempotencyKey, reason: 'requested_by_customer' });
  } catch (error) {
    if (isGatewayError(error, 'GatewayUnavailableError')) {
      throw new ServiceUnavailableError(
        `The card gateway did not answer, so whether ${formatMoney(amount)} of payment ${payment.number} was refunded is not known; nothing was recorded. ` +
          'Send the same request again with the same Idempotency-Key: the gateway makes that refund at most once.',
        { cause: error },
      );
    }
    if (isGatewayError(error, 'GatewayRequestError')) throw new ConflictError(`The card gateway refused to refund payment ${payment.number}: ${error.message}`);
    throw error;
  }
  if (!gatewayRefundMovesMoney(result.status)) {
    throw new ConflictError(
      `The card gateway did not refund payment ${payment.number} (its refund ${result.refundId} is ${result.status}); nothing was recorded.`,
    );
  }
  return result;
}

/**
 * The gateway's errors known by name: the gateway is built outside the portal's bundle, which has
 * its own copy of their classes, so `instanceof` would not recognise them there.
 */
function isGatewayError(error: unknown, name: (GatewayUnavailableError | GatewayRequestError)['name']): error is Error {
  return error instanceof Error && error.name === name;
}

/** A refusal of the books as the caller's error; what was booked, as its id. */
function bookedOrRefused(payment: PaymentToRefund, outcome: RefundRecording): { refundId: string; alreadyRecorded: boolean } {
  if (outcome.ok) return outcome;
  if (outcome.reason === 'payment-not-found') throw new NotFoundError('payment', payment.id);
  if (outcome.reason === 'unassigned') throw new ConflictError(outcome.message);
  throw new ValidationError([{ field: 'amount', message: `${outcome.problem} (payment ${outcome.paymentNumber})` }]);
}

async function refundedEarlier(ctx: ServiceContext, request: IdempotentRequest): Promise<IssuedRefund | null> {
  const refundId = await resourceOfEarlierRequest(ctx, request);
  return refundId ? replayed(ctx, refundId) : null;
}

/**
 * The manual refund an earlier request under the caller's own key booked, or null. The same key
 * with another request is refused naming the key, as the API refuses a reused Idempotency-Key.
 */
async function bookedEarlier(ctx: ServiceContext, sourceKey: string, request: RefundRequest, field: string): Promise<IssuedRefund | null> {
  const [earlier] = await ctx.db.select().from(refunds).where(eq(refunds.sourceKey, sourceKey));
  if (!earlier) return null;
  const asked = request.amount === undefined ? null : parseDecimalAmount(request.amount, earlier.currency);
  const same = earlier.reason === request.reason && (asked === null || (asked.ok && asked.amountMinor === earlier.amountMinor));
  if (!same) throw new ValidationError([{ field, message: 'was already used for another refund of this payment; use a new key for a new refund' }]);
  return replayed(ctx, earlier.id);
}

async function replayed(ctx: ServiceContext, refundId: string): Promise<IssuedRefund> {
  const refund = await getRefund(ctx, refundId);
  // The first request may have died between its commit and delivering its hand-off.
  await deliverRefundHandoff(ctx, refund);
  return { refund, replayed: true };
}

function deliverRefundHandoff(ctx: ServiceContext, refund: RefundView): Promise<void> {
  return deliverCommittedHandoffs(ctx, [accountFactKey(refund.customerId, { kind: 'refund-issued', refundId: refund.id })]);
}
