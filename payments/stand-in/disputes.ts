// Disputes (chargebacks) and payouts happen at the bank's or Stripe's pace, not through the API
// our adapter calls: the stand-in makes them on a test control's word (controls.ts).
import { addBalanceTransaction, availableBalance } from './balance.js';
import { invalidRequest } from './errors.js';
import { NO_REQUEST } from './events.js';
import { newId, nowSeconds } from './ids.js';
import type { DisputeObject, PayoutObject } from './objects.js';
import { answer, type ApiHandler, type StandInState } from './state.js';

/** The card holder disputes a successful charge: its amount (or part) leaves the balance at once. */
export function openDispute(state: StandInState, chargeId: string, options: { amount?: number; reason?: string }): DisputeObject {
  const charge = state.store.get(chargeId, 'charge', 'charge');
  if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} did not succeed; it cannot be disputed.`);
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is disputed already.`);
  const amount = options.amount ?? charge.amount;
  if (!Number.isInteger(amount) || amount < 1 || amount > charge.amount) {
    throw invalidRequest(`A dispute is for 1 to ${charge.amount} of charge ${charge.id}.`, { param: 'amount' });
  }
  const id = newId('dp');
  const withdrawn = addBalanceTransaction(state, {
    amount: -amount,
    currency: charge.currency,
    fee: 0,
    source: id,
    type: 'adjustment',
    reporting_category: 'dispute',
    description: `Chargeback withdrawal for ${charge.id}`,
  });
  const dispute = state.store.put<DisputeObject>({
    id,
    object: 'dispute',
    amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    reason: options.reason ?? 'fraudulent',
    status: 'needs_response',
    balance_transactions: [withdrawn],
    is_charge_refundable: false,
    metadata: {},
    created: nowSeconds(),
    livemode: false,
  });
  charge.disputed = true;
  state.events.emit('charge.dispute.created', dispute, NO_REQUEST);
  return dispute;
}

/** The bank decided: won gives the money back to the balance, lost keeps it withdrawn. */
export function closeDispute(state: StandInState, disputeId: string, outcome: 'won' | 'lost'): DisputeObject {
  const dispute = state.store.get(disputeId, 'dispute', 'dispute');
  if (dispute.status === 'won' || dispute.status === 'lost') throw invalidRequest(`Dispute ${dispute.id} is closed already (${dispute.status}).`);
  if (outcome === 'won') {
    const reinstated = addBalanceTransaction(state, {
      amount: dispute.amount,
      currency: dispute.currency,
      fee: 0,
      source: dispute.id,
      type: 'adjustment',
      reporting_category: 'dispute_reversal',
      description: `Chargeback reversal for ${dispute.charge}`,
    });
    dispute.balance_transactions.push(reinstated);
  }
  dispute.status = outcome;
  state.events.emit('charge.dispute.closed', dispute, NO_REQUEST);
  return dispute;
}

/** Pays out the whole available balance of each currency (or of one), as Stripe's daily payout would. */
export function payOutBalance(state: StandInState, currency?: string): PayoutObject[] {
  const payouts: PayoutObject[] = [];
  for (const [code, amount] of availableBalance(state)) {
    if (amount <= 0 || (currency !== undefined && code !== currency.toLowerCase())) continue;
    const id = newId('po');
    const transaction = addBalanceTransaction(state, {
      amount: -amount,
      currency: code,
      fee: 0,
      source: id,
      type: 'payout',
      reporting_category: 'payout',
      description: 'STRIPE PAYOUT',
    });
    const now = nowSeconds();
    const payout = state.store.put<PayoutObject>({
      id,
      object: 'payout',
      amount,
      currency: code,
      arrival_date: now,
      status: 'paid',
      method: 'standard',
      type: 'bank_account',
      balance_transaction: transaction.id,
      metadata: {},
      created: now,
      livemode: false,
    });
    state.events.emit('payout.created', payout, NO_REQUEST);
    state.events.emit('payout.paid', payout, NO_REQUEST);
    payouts.push(payout);
  }
  return payouts;
}

export const retrieveDispute: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'dispute'));
export const retrievePayout: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'payout'));
