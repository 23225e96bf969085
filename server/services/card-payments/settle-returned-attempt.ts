// The customer is back from the bank's authentication page: the gateway has the outcome, so we
// ask for it (never confirm again) and write it down through the same keyed path as every other
// outcome. The webhook may have written it first; then this finds it written.
import { defaultCard } from '../../../db/records/cards.js';
import { attemptByIntent } from '../../../db/records/payment-attempts.js';
import { NotFoundError } from '../errors.js';
import { applyOutcome, type ChargeResult } from './attempt-outcomes.js';
import type { CardPaymentDeps } from './card-payment-deps.js';

/**
 * Settles the attempt behind `intentId` for `customerId`. An intent that is none of ours, or
 * another customer's, is not found: the return address is typed into a browser and may be anything.
 */
export async function settleReturnedAttempt(deps: CardPaymentDeps, customerId: string, intentId: string): Promise<ChargeResult> {
  const attempt = intentId ? await attemptByIntent(deps.db, intentId) : null;
  if (!attempt || attempt.customerId !== customerId) throw new NotFoundError('payment', intentId);
  if (attempt.status === 'succeeded' && attempt.paymentId) return { outcome: 'paid', attemptId: attempt.id, paymentId: attempt.paymentId };
  const outcome = await deps.gateway.lookupPaymentAttempt(intentId);
  const card = await defaultCard(deps.db, customerId);
  return deps.db.transaction((tx) =>
    applyOutcome(
      tx,
      deps,
      {
        attempt,
        confirmation: attempt.confirmations,
        card: card ? { brand: card.brand, last4: card.last4 } : null,
        // The customer is on the result page: it tells them, no email needed.
        tellAccountOfFailure: false,
      },
      outcome,
    ),
  );
}
