// PaymentIntents: one attempt to take an amount from a card, with Stripe's state machine:
//   requires_payment_method → requires_confirmation → (requires_action →) succeeded, or canceled.
// A decline answers 402 and leaves the intent in requires_payment_method with last_payment_error,
// so the same intent can be confirmed again with the same or another card.
import { randomBytes } from 'node:crypto';
import { succeededCharge, failedCharge, type DeclineReason } from './charges.js';
import { StandInError, invalidRequest, unexpectedState } from './errors.js';
import type { RequestRef } from './events.js';
import { newId, nowSeconds } from './ids.js';
import type { PaymentIntentObject, PaymentIntentStatus, PaymentMethodObject } from './objects.js';
import { currencyOf, metadataOf, onlyCards, optionalBoolean, optionalString, requiredInteger } from './params.js';
import { answer, type ApiCall, type ApiHandler, type StandInState } from './state.js';

/** Stripe's ceiling for most currencies: eight digits of minor units. */
const MAX_AMOUNT = 99_999_999;
const CONFIRMABLE: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing'];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

const AUTHENTICATION_REQUIRED: DeclineReason = {
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

export const createPaymentIntent: ApiHandler = (state, call) => {
  const { params } = call;
  const amount = requiredInteger(params, 'amount', { min: 1, max: MAX_AMOUNT });
  const currency = currencyOf(params);
  const customerId = optionalString(params, 'customer') ?? null;
  if (customerId !== null) state.store.get(customerId, 'customer', 'customer');
  const paymentMethodId = optionalString(params, 'payment_method') ?? null;
  if (paymentMethodId !== null) usablePaymentMethod(state, paymentMethodId, customerId);
  onlyCards(params);
  const confirm = optionalBoolean(params, 'confirm') ?? false;
  if (!confirm && (params.off_session !== undefined || params.return_url !== undefined)) {
    throw invalidRequest('off_session and return_url can only be passed when confirm=true.', { param: params.off_session !== undefined ? 'off_session' : 'return_url' });
  }
  const id = newId('pi');
  const intent = state.store.put<PaymentIntentObject>({
    id,
    object: 'payment_intent',
    amount,
    amount_received: 0,
    amount_capturable: 0,
    currency,
    customer: customerId,
    description: optionalString(params, 'description') ?? null,
    metadata: metadataOf(params),
    status: paymentMethodId ? 'requires_confirmation' : 'requires_payment_method',
    payment_method: paymentMethodId,
    payment_method_types: ['card'],
    allowed_payment_method_types: ['card'],
    latest_charge: null,
    last_payment_error: null,
    next_action: null,
    client_secret: `${id}_secret_${randomBytes(12).toString('base64url')}`,
    capture_method: 'automatic',
    confirmation_method: 'automatic',
    setup_future_usage: null,
    canceled_at: null,
    cancellation_reason: null,
    created: nowSeconds(),
    livemode: false,
  });
  state.events.emit('payment_intent.created', intent, call.request);
  if (confirm) confirmIntent(state, intent, call);
  return answer(state, call, intent);
};

export const retrievePaymentIntent: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'payment_intent'));

export const confirmPaymentIntent: ApiHandler = (state, call) => {
  const intent = state.store.get(call.ids[0]!, 'payment_intent');
  confirmIntent(state, intent, call);
  return answer(state, call, intent);
};

/** Update: the amount (and its currency), only before money moved (Stripe allows it in the confirmable states). */
export const updatePaymentIntent: ApiHandler = (state, call) => {
  const intent = state.store.get(call.ids[0]!, 'payment_intent');
  if (call.params.amount !== undefined || call.params.currency !== undefined) {
    if (!CONFIRMABLE.includes(intent.status)) {
      throw unexpectedState(`You cannot update this PaymentIntent's amount because it has a status of ${intent.status}.`);
    }
    const amount = call.params.amount === undefined ? intent.amount : requiredInteger(call.params, 'amount', { min: 1, max: MAX_AMOUNT });
    const currency = call.params.currency === undefined ? intent.currency : currencyOf(call.params);
    // A new amount needs a new confirmation: a pending authentication was for the old one.
    Object.assign(intent, { amount, currency, next_action: null, status: intent.payment_method ? 'requires_confirmation' : 'requires_payment_method' });
  }
  return answer(state, call, intent);
};

export const cancelPaymentIntent: ApiHandler = (state, call) => {
  const intent = state.store.get(call.ids[0]!, 'payment_intent');
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
    );
  }
  const reason = optionalString(call.params, 'cancellation_reason') ?? null;
  if (reason !== null && !CANCELLATION_REASONS.includes(reason)) {
    throw invalidRequest(`Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`, { param: 'cancellation_reason' });
  }
  Object.assign(intent, { status: 'canceled', canceled_at: nowSeconds(), cancellation_reason: reason, next_action: null });
  state.events.emit('payment_intent.canceled', intent, call.request);
  return answer(state, call, intent);
};

/**
 * Confirms with `payment_method` (or the one the intent has), `off_session` and `return_url` from
 * the call's parameters. Throws a 402 StandInError after recording a decline.
 */
function confirmIntent(state: StandInState, intent: PaymentIntentObject, call: ApiCall): void {
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(
      intent.status === 'succeeded'
        ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
        : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
    );
  }
  const paymentMethodId = optionalString(call.params, 'payment_method') ?? intent.payment_method;
  if (!paymentMethodId) {
    throw unexpectedState("You cannot confirm this PaymentIntent because it's missing a payment method. To confirm it, pass a payment_method.");
  }
  const paymentMethod = usablePaymentMethod(state, paymentMethodId, intent.customer);
  const offSession = optionalBoolean(call.params, 'off_session') ?? false;
  const returnUrl = optionalString(call.params, 'return_url') ?? null;
  if (returnUrl !== null && !/^https?:\/\/\S+$/.test(returnUrl)) throw invalidRequest('Not a valid URL', { param: 'return_url' });

  Object.assign(intent, { payment_method: paymentMethod.id, last_payment_error: null, next_action: null });
  const behaviour = state.cardBehaviours.get(paymentMethod.id) ?? { kind: 'succeed' };
  if (behaviour.kind === 'succeed') return succeed(state, intent, paymentMethod, call.request);
  if (behaviour.kind === 'decline') return decline(state, intent, paymentMethod, behaviour, call.request);
  if (offSession) return decline(state, intent, paymentMethod, AUTHENTICATION_REQUIRED, call.request);
  Object.assign(intent, {
    status: 'requires_action',
    next_action: { type: 'redirect_to_url', redirect_to_url: { url: `${state.baseUrl}/authenticate/${intent.id}`, return_url: returnUrl } },
  });
  state.events.emit('payment_intent.requires_action', intent, call.request);
}

/** The customer passed (or failed) the bank's check on the authentication page. */
export function finishAuthentication(state: StandInState, intent: PaymentIntentObject, passed: boolean, request: RequestRef): void {
  if (intent.status !== 'requires_action' || !intent.payment_method) return;
  const paymentMethod = state.store.get(intent.payment_method, 'payment_method');
  if (passed) return succeed(state, intent, paymentMethod, request);
  Object.assign(intent, {
    status: 'requires_payment_method',
    payment_method: null,
    next_action: null,
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: structuredClone(paymentMethod),
    },
  });
  state.events.emit('payment_intent.payment_failed', intent, request);
}

function succeed(state: StandInState, intent: PaymentIntentObject, paymentMethod: PaymentMethodObject, request: RequestRef): void {
  const charge = succeededCharge(state, intent, paymentMethod);
  Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id, next_action: null });
  state.events.emit('charge.succeeded', charge, request);
  state.events.emit('payment_intent.succeeded', intent, request);
}

function decline(state: StandInState, intent: PaymentIntentObject, paymentMethod: PaymentMethodObject, reason: DeclineReason, request: RequestRef): never {
  const charge = failedCharge(state, intent, paymentMethod, reason);
  const error = {
    type: 'card_error' as const,
    code: reason.code,
    decline_code: reason.declineCode,
    message: reason.message,
    charge: charge.id,
    doc_url: `https://stripe.com/docs/error-codes/${reason.code.replaceAll('_', '-')}`,
  };
  Object.assign(intent, {
    status: 'requires_payment_method',
    payment_method: null,
    latest_charge: charge.id,
    next_action: null,
    last_payment_error: { ...error, payment_method: structuredClone(paymentMethod) },
  });
  state.events.emit('charge.failed', charge, request);
  state.events.emit('payment_intent.payment_failed', intent, request);
  throw new StandInError(402, { ...error, payment_intent: state.store.render(intent), payment_method: structuredClone(paymentMethod) });
}

/** A card attached to a customer pays only for that customer's intents. */
function usablePaymentMethod(state: StandInState, id: string, customerId: string | null): PaymentMethodObject {
  const paymentMethod = state.store.get(id, 'payment_method', 'payment_method');
  if (paymentMethod.customer !== null && paymentMethod.customer !== customerId) {
    throw invalidRequest(
      `The provided PaymentMethod ${id} is attached to another Customer than this PaymentIntent's; pass the customer it belongs to.`,
      { param: 'payment_method' },
    );
  }
  return paymentMethod;
}
