// Refunds, whole or in part, of a successful charge named directly or by its PaymentIntent.
import { addBalanceTransaction } from './balance.js';
import { invalidRequest } from './errors.js';
import { newId, nowSeconds } from './ids.js';
import type { ChargeObject, RefundObject } from './objects.js';
import { metadataOf, optionalInteger, optionalString } from './params.js';
import { answer, type ApiHandler, type StandInState } from './state.js';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export const createRefund: ApiHandler = (state, call) => {
  const { params } = call;
  const charge = chargeToRefund(state, optionalString(params, 'charge'), optionalString(params, 'payment_intent'));
  const left = charge.amount - charge.amount_refunded;
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: 'charge_disputed' });
  if (left === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  const amount = optionalInteger(params, 'amount', { min: 1, max: Number.MAX_SAFE_INTEGER }) ?? left;
  if (amount > left) {
    throw invalidRequest(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { param: 'amount', code: 'amount_too_large' });
  }
  const reason = optionalString(params, 'reason') ?? null;
  if (reason !== null && !(REASONS as readonly string[]).includes(reason)) {
    throw invalidRequest(`Invalid reason: must be one of ${REASONS.join(', ')}`, { param: 'reason' });
  }
  const id = newId('re');
  const transaction = addBalanceTransaction(state, {
    amount: -amount,
    currency: charge.currency,
    fee: 0,
    source: id,
    type: 'refund',
    reporting_category: 'refund',
    description: `REFUND FOR CHARGE (${charge.description ?? charge.id})`,
  });
  const refund = state.store.put<RefundObject>({
    id,
    object: 'refund',
    amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    reason: reason as RefundObject['reason'],
    status: 'succeeded',
    balance_transaction: transaction.id,
    metadata: metadataOf(params),
    created: nowSeconds(),
  });
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  state.events.emit('charge.refunded', charge, call.request);
  state.events.emit('refund.created', refund, call.request);
  return answer(state, call, refund);
};

export const retrieveRefund: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'refund'));

function chargeToRefund(state: StandInState, chargeId: string | undefined, intentId: string | undefined): ChargeObject {
  if (chargeId !== undefined && intentId !== undefined) throw invalidRequest('Pass either charge or payment_intent, not both.', { param: 'charge' });
  if (chargeId !== undefined) {
    const charge = state.store.get(chargeId, 'charge', 'charge');
    if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} did not succeed; there is nothing to refund.`, { param: 'charge' });
    return charge;
  }
  if (intentId === undefined) throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
  const intent = state.store.get(intentId, 'payment_intent', 'payment_intent');
  if (intent.status !== 'succeeded' || !intent.latest_charge) {
    throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { param: 'payment_intent' });
  }
  return state.store.get(intent.latest_charge, 'charge');
}
