// Writing down what the gateway said about an attempt, whoever heard it first: the confirming call,
// a lookup after a lost answer, or a webhook (before or after the call returned, once or twice).
// Every path ends here, and every write is keyed, so the money is booked once.
import { formatMoney, money, type Money } from '../../../billing/money.js';
import type { AttemptOutcome, Decline } from '../../../payments/gateway.js';
import { handOffAccountFact } from '../../../db/records/handoffs.js';
import { recordGatewayMovement } from '../../../db/records/gateway-movements.js';
import { releaseHolds, updateAttempt, type PaymentAttempt } from '../../../db/records/payment-attempts.js';
import { recordPayment } from '../../../db/records/payments.js';
import type { Transaction } from '../../../db/records/transaction.js';
import { businessToday, GATEWAY_RECORDER, type CardPaymentDeps } from './card-payment-deps.js';

export type ChargeResult =
  | { outcome: 'paid'; attemptId: string; paymentId: string }
  | { outcome: 'declined'; attemptId: string; confirmation: number; decline: Decline }
  /** The bank wants the customer to authenticate: at `actionUrl` when they are there, else by a link we email. */
  | { outcome: 'requires_action'; attemptId: string; confirmation: number; actionUrl: string | null }
  /** Confirmed, outcome not known yet: the webhook or the next look settles it. */
  | { outcome: 'processing'; attemptId: string }
  | { outcome: 'canceled'; attemptId: string }
  /** A whole-balance payment holds the invoice: this attempt waits. */
  | { outcome: 'held'; attemptId: string }
  /** The confirmation took nothing and said nothing (no card on the attempt): it may be confirmed again. */
  | { outcome: 'not-charged'; attemptId: string };

export interface OutcomeContext {
  attempt: PaymentAttempt;
  confirmation: number;
  /** The card charged, for the receipt: brand and last four only. */
  card: { brand: string; last4: string } | null;
  /** Tell the account workflow about a failure (off-session: the customer is not there to see it). */
  tellAccountOfFailure: boolean;
}

/** Why money that came in is not what the attempt asked for, or null when it is. */
export function unexpectedAmount(expected: Money, received: Money): string | null {
  if (received.currency !== expected.currency || received.amountMinor !== expected.amountMinor) {
    return `The gateway reported ${formatMoney(received)} where ${formatMoney(expected)} was asked for`;
  }
  return null;
}

export async function applyOutcome(tx: Transaction, deps: CardPaymentDeps, context: OutcomeContext, outcome: AttemptOutcome): Promise<ChargeResult> {
  const { attempt, confirmation } = context;
  const attemptId = attempt.id;
  switch (outcome.status) {
    case 'succeeded': {
      const expected = money(attempt.amountMinor, attempt.currency);
      const recorded = await recordPayment(tx, {
        sourceKey: `gateway:${outcome.chargeId}`,
        customerId: attempt.customerId,
        method: 'card',
        amount: outcome.amount,
        receivedOn: businessToday(deps),
        reference: outcome.chargeId,
        invoiceId: attempt.invoiceId,
        needsReview: unexpectedAmount(expected, outcome.amount),
        gateway: { name: deps.gateway.provider, chargeId: outcome.chargeId, attemptId, cardBrand: context.card?.brand ?? null, cardLast4: context.card?.last4 ?? null },
        recordedBy: GATEWAY_RECORDER,
      });
      await updateAttempt(tx, attemptId, { status: 'succeeded', paymentId: recorded.paymentId });
      await releaseHolds(tx, attemptId);
      if (outcome.fee) {
        await recordGatewayMovement(tx, { kind: 'fee', gateway: deps.gateway.provider, gatewayReference: outcome.chargeId, amount: outcome.fee, occurredOn: businessToday(deps) });
      }
      return { outcome: 'paid', attemptId, paymentId: recorded.paymentId };
    }
    case 'declined': {
      const { decline } = outcome;
      if (await updateAttempt(tx, attemptId, { status: 'declined', declineCode: decline.declineCode ?? decline.code, declineKind: decline.kind, declineMessage: decline.gatewayMessage })) {
        await releaseHolds(tx, attemptId);
        if (context.tellAccountOfFailure) await handOffAccountFact(tx, attempt.customerId, { kind: 'payment-failed', attemptId, confirmation });
      }
      return { outcome: 'declined', attemptId, confirmation, decline };
    }
    case 'authentication_required':
    case 'requires_action': {
      const actionUrl = outcome.status === 'requires_action' ? outcome.actionUrl : null;
      if (await updateAttempt(tx, attemptId, { status: 'requires_action', declineCode: 'authentication_required', actionUrl })) {
        if (context.tellAccountOfFailure) await handOffAccountFact(tx, attempt.customerId, { kind: 'payment-failed', attemptId, confirmation });
      }
      return { outcome: 'requires_action', attemptId, confirmation, actionUrl };
    }
    case 'canceled':
      await updateAttempt(tx, attemptId, { status: 'canceled' });
      await releaseHolds(tx, attemptId);
      return { outcome: 'canceled', attemptId };
    case 'requires_payment_method':
    case 'requires_confirmation':
      // Confirmed without effect (no card taken): as good as never confirmed; it may be confirmed again.
      await updateAttempt(tx, attemptId, { status: 'created' });
      await releaseHolds(tx, attemptId);
      return { outcome: 'not-charged', attemptId };
    case 'processing':
      return { outcome: 'processing', attemptId };
  }
}
