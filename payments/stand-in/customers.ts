// Customers and their cards. saveCard is the one way a card is saved, for the hosted page and the
// test control alike; it keeps the brand, last four digits, expiry and a fingerprint, and drops the number.
import { createHmac } from 'node:crypto';
import { StandInError, invalidRequest } from './errors.js';
import type { RequestRef } from './events.js';
import { newId, nowSeconds } from './ids.js';
import type { CustomerObject, PaymentMethodObject } from './objects.js';
import { metadataOf, optionalString } from './params.js';
import { answer, type ApiHandler, type StandInState } from './state.js';
import { passesLuhn, testCard } from './test-cards.js';

export const createCustomer: ApiHandler = (state, call) => {
  const email = optionalString(call.params, 'email') ?? null;
  if (email !== null && email.length > 512) throw invalidRequest('Invalid email address.', { param: 'email' });
  const customer = state.store.put<CustomerObject>({
    id: newId('cus'),
    object: 'customer',
    created: nowSeconds(),
    name: optionalString(call.params, 'name') ?? null,
    email,
    description: optionalString(call.params, 'description') ?? null,
    metadata: metadataOf(call.params),
    invoice_settings: { default_payment_method: null },
    livemode: false,
  });
  state.events.emit('customer.created', customer, call.request);
  return answer(state, call, customer);
};

export const retrieveCustomer: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'customer'));

export const retrievePaymentMethod: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'payment_method'));

/** A card as typed on the hosted page (or given to the test control). */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

function cardError(code: string, message: string, param: string, declineCode?: string): StandInError {
  return new StandInError(402, { type: 'card_error', code, message, param, ...(declineCode ? { decline_code: declineCode } : {}) });
}

/**
 * Checks the card as Stripe's page would (number, expiry, security code, test cards only) and
 * saves it to the customer. Refusals are 402 card errors with Stripe's own messages.
 */
export function saveCard(state: StandInState, customerId: string, input: CardInput, request: RequestRef, now = new Date()): PaymentMethodObject {
  const customer = state.store.get(customerId, 'customer', 'customer');
  const number = input.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !passesLuhn(number)) throw cardError('incorrect_number', 'Your card number is incorrect.', 'number');
  if (!Number.isInteger(input.expMonth) || input.expMonth < 1 || input.expMonth > 12) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  }
  if (!Number.isInteger(input.expYear) || input.expYear < 2000 || input.expYear > 2100) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
  }
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (input.expYear * 12 + (input.expMonth - 1) < thisMonth) {
    throw cardError('invalid_expiry_year', "Your card's expiration date is in the past.", 'exp_year');
  }
  if (!/^\d{3,4}$/.test(input.cvc)) throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
  const card = testCard(number);
  if (!card) {
    throw cardError(
      'card_declined',
      'Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
      'number',
      'test_mode_live_card',
    );
  }
  const paymentMethod = state.store.put<PaymentMethodObject>({
    id: newId('pm'),
    object: 'payment_method',
    type: 'card',
    card: {
      brand: card.brand,
      display_brand: card.brand,
      last4: number.slice(-4),
      exp_month: input.expMonth,
      exp_year: input.expYear,
      funding: card.funding,
      country: 'US',
      fingerprint: createHmac('sha256', state.fingerprintKey).update(number).digest('base64url').slice(0, 16),
      checks: { cvc_check: 'pass', address_line1_check: null, address_postal_code_check: null },
    },
    customer: customer.id,
    billing_details: { name: customer.name, email: customer.email, phone: null, address: null },
    created: nowSeconds(),
    metadata: {},
    livemode: false,
  });
  state.cardBehaviours.set(paymentMethod.id, card.behaviour);
  state.events.emit('payment_method.attached', paymentMethod, request);
  return paymentMethod;
}
