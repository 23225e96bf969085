// Taking money through one attempt: create it at the gateway (its id stored first), confirm it
// with the card, write the outcome. An attempt left `processing` by a crash or a lost answer is
// settled by looking it up first, never by confirming it again blind.
import { money } from '../../../billing/money.js';
import { attemptKeys } from '../../../billing/payments/payment-attempts.js';
import { isGatewayUnavailable, type AttemptOutcome } from '../../../payments/gateway.js';
import { attemptById, beginConfirmation, recordAttemptIntent, type PaymentAttempt } from '../../../db/records/payment-attempts.js';
import type { CardOnFile } from '../../../db/records/cards.js';
import { applyOutcome, type ChargeResult } from './attempt-outcomes.js';
import type { CardPaymentDeps } from './card-payment-deps.js';

export type Presence = { offSession: true } | { offSession: false; returnUrl: string };

export interface AttemptToCharge {
  attempt: PaymentAttempt;
  card: CardOnFile;
  gatewayCustomerId: string;
  description: string;
  presence: Presence;
}

export async function chargeAttempt(deps: CardPaymentDeps, charge: AttemptToCharge): Promise<ChargeResult> {
  const { gateway, db } = deps;
  let attempt = charge.attempt;
  const card = { brand: charge.card.brand, last4: charge.card.last4 };
  const tellAccountOfFailure = charge.presence.offSession;

  if (attempt.status === 'processing' && attempt.gatewayIntentId) {
    const settled = await settle(deps, attempt, attempt.confirmations, await gateway.lookupPaymentAttempt(attempt.gatewayIntentId), card, tellAccountOfFailure);
    // The lost confirmation's outcome is the answer to this try: a decline found this way is told
    // once and not tried again at once. Only a confirmation that took nothing is sent again.
    if (settled.outcome !== 'not-charged') return settled;
    attempt = (await attemptById(db, attempt.id))!;
  }
  if (attempt.status === 'succeeded' && attempt.paymentId) return { outcome: 'paid', attemptId: attempt.id, paymentId: attempt.paymentId };

  const intentId =
    attempt.gatewayIntentId ??
    (await recordAttemptIntent(
      db,
      attempt.id,
      (
        await gateway.createPaymentAttempt({
          amount: money(attempt.amountMinor, attempt.currency),
          gatewayCustomerId: charge.gatewayCustomerId,
          description: charge.description,
          metadata: { attemptId: attempt.id, customerId: attempt.customerId, ...(attempt.invoiceId ? { invoiceId: attempt.invoiceId } : {}) },
          idempotencyKey: `${attempt.attemptKey}:create`,
        })
      ).intentId,
    ));

  const confirmation = await beginConfirmation(db, attempt);
  if (confirmation === null) return { outcome: 'held', attemptId: attempt.id };
  let outcome: AttemptOutcome;
  try {
    outcome = await gateway.confirmPaymentAttempt({
      intentId,
      paymentMethodId: charge.card.gatewayPaymentMethodId,
      offSession: charge.presence.offSession,
      ...(charge.presence.offSession ? {} : { returnUrl: charge.presence.returnUrl }),
      idempotencyKey: attemptKeys.confirmation(attempt.attemptKey, confirmation),
    });
  } catch (error) {
    // The charge may have happened: ask. If asking fails too, the attempt stays `processing` and the
    // next try (or the webhook) settles it.
    if (!isGatewayUnavailable(error)) throw error;
    outcome = await gateway.lookupPaymentAttempt(intentId);
  }
  return settle(deps, { ...attempt, gatewayIntentId: intentId }, confirmation, outcome, card, tellAccountOfFailure);
}

async function settle(
  deps: CardPaymentDeps,
  attempt: PaymentAttempt,
  confirmation: number,
  outcome: AttemptOutcome,
  card: { brand: string; last4: string },
  tellAccountOfFailure: boolean,
): Promise<ChargeResult> {
  return deps.db.transaction((tx) => applyOutcome(tx, deps, { attempt, confirmation, card, tellAccountOfFailure }, outcome));
}
