// Charges: the card's answer to one confirmation of a PaymentIntent. A successful one moves money
// into the balance, less the processing fee; a failed one records why the bank declined.
import { addBalanceTransaction } from './balance.js';
import { processingFee } from './fees.js';
import { newId, nowSeconds } from './ids.js';
import type { ChargeObject, PaymentIntentObject, PaymentMethodObject } from './objects.js';
import { answer, type ApiHandler, type StandInState } from './state.js';

export interface DeclineReason {
  code: string;
  declineCode: string;
  message: string;
}

function baseCharge(intent: PaymentIntentObject, paymentMethod: PaymentMethodObject): Omit<ChargeObject, 'status' | 'paid' | 'amount_captured' | 'balance_transaction' | 'failure_code' | 'failure_message' | 'outcome'> {
  const { display_brand: _shown, ...card } = paymentMethod.card;
  return {
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_refunded: 0,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    metadata: { ...intent.metadata },
    payment_intent: intent.id,
    payment_method: paymentMethod.id,
    payment_method_details: { type: 'card', card },
    captured: true,
    refunded: false,
    disputed: false,
    created: nowSeconds(),
    livemode: false,
  };
}

export function succeededCharge(state: StandInState, intent: PaymentIntentObject, paymentMethod: PaymentMethodObject): ChargeObject {
  const charge = baseCharge(intent, paymentMethod);
  const transaction = addBalanceTransaction(state, {
    amount: intent.amount,
    currency: intent.currency,
    fee: processingFee(intent.amount),
    source: charge.id,
    type: 'charge',
    reporting_category: 'charge',
    description: intent.description,
  });
  return state.store.put<ChargeObject>({
    ...charge,
    status: 'succeeded',
    paid: true,
    amount_captured: intent.amount,
    balance_transaction: transaction.id,
    failure_code: null,
    failure_message: null,
    outcome: { type: 'authorized', network_status: 'approved_by_network', reason: null, seller_message: 'Payment complete.', risk_level: 'normal' },
  });
}

export function failedCharge(state: StandInState, intent: PaymentIntentObject, paymentMethod: PaymentMethodObject, reason: DeclineReason): ChargeObject {
  return state.store.put<ChargeObject>({
    ...baseCharge(intent, paymentMethod),
    status: 'failed',
    paid: false,
    amount_captured: 0,
    balance_transaction: null,
    failure_code: reason.code,
    failure_message: reason.message,
    outcome: {
      type: 'issuer_declined',
      network_status: 'declined_by_network',
      reason: reason.declineCode,
      seller_message: 'The bank did not return any further details with this decline.',
      risk_level: 'normal',
    },
  });
}

export const retrieveCharge: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'charge'));
