// Checkout Sessions in setup mode: a hosted page where the customer saves a card for later
// payments. Creating one makes its SetupIntent; the page completes both (hosted-pages.ts).
import { randomBytes } from 'node:crypto';
import { saveCard, type CardInput } from './customers.js';
import { invalidRequest } from './errors.js';
import { NO_REQUEST } from './events.js';
import { newId, nowSeconds } from './ids.js';
import type { CheckoutSessionObject, PaymentMethodObject, SetupIntentObject } from './objects.js';
import { hashOf, metadataOf, onlyCards, optionalString, requiredString } from './params.js';
import { answer, type ApiHandler, type StandInState } from './state.js';

/** Stripe's default: a session can be used for 24 hours. */
const SESSION_LIFETIME_SECONDS = 24 * 60 * 60;

export const createCheckoutSession: ApiHandler = (state, call) => {
  const { params } = call;
  const mode = requiredString(params, 'mode');
  if (mode !== 'setup') throw invalidRequest('The stand-in offers Checkout in setup mode only (saving a card).', { param: 'mode' });
  const customerId = requiredString(params, 'customer');
  state.store.get(customerId, 'customer', 'customer');
  const successUrl = requiredString(params, 'success_url');
  const cancelUrl = optionalString(params, 'cancel_url') ?? null;
  for (const [name, url] of [['success_url', successUrl], ['cancel_url', cancelUrl]] as const) {
    if (url !== null && !/^https?:\/\/\S+$/.test(url)) throw invalidRequest('Not a valid URL', { param: name });
  }
  onlyCards(params);
  const created = nowSeconds();
  const setupIntentId = newId('seti');
  const setupIntent = state.store.put<SetupIntentObject>({
    id: setupIntentId,
    object: 'setup_intent',
    status: 'requires_payment_method',
    customer: customerId,
    payment_method: null,
    payment_method_types: ['card'],
    allowed_payment_method_types: ['card'],
    usage: 'off_session',
    metadata: metadataOf(hashOf(params, 'setup_intent_data')),
    client_secret: `${setupIntentId}_secret_${randomBytes(12).toString('base64url')}`,
    created,
    livemode: false,
  });
  state.events.emit('setup_intent.created', setupIntent, call.request);
  const id = newId('cs_test');
  const session = state.store.put<CheckoutSessionObject>({
    id,
    object: 'checkout.session',
    mode: 'setup',
    status: 'open',
    payment_status: 'no_payment_required',
    customer: customerId,
    setup_intent: setupIntent.id,
    payment_method_types: ['card'],
    allowed_payment_method_types: ['card'],
    success_url: successUrl,
    cancel_url: cancelUrl,
    url: `${state.baseUrl}/checkout/${id}`,
    currency: optionalString(params, 'currency')?.toLowerCase() ?? null,
    metadata: metadataOf(params),
    created,
    expires_at: created + SESSION_LIFETIME_SECONDS,
    livemode: false,
  });
  return answer(state, call, session);
};

export const retrieveCheckoutSession: ApiHandler = (state, call) => {
  const session = state.store.get(call.ids[0]!, 'checkout.session');
  expireIfDue(session);
  return answer(state, call, session);
};

export const retrieveSetupIntent: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'setup_intent'));

export function expireIfDue(session: CheckoutSessionObject): void {
  if (session.status === 'open' && nowSeconds() >= session.expires_at) Object.assign(session, { status: 'expired', url: null });
}

/** The customer saved a card on the session's page: the card is attached and the session complete. */
export function completeCheckout(state: StandInState, session: CheckoutSessionObject, card: CardInput): PaymentMethodObject {
  const paymentMethod = saveCard(state, session.customer, card, NO_REQUEST);
  const setupIntent = state.store.get(session.setup_intent, 'setup_intent');
  Object.assign(setupIntent, { status: 'succeeded', payment_method: paymentMethod.id });
  Object.assign(session, { status: 'complete', url: null });
  state.events.emit('setup_intent.succeeded', setupIntent, NO_REQUEST);
  state.events.emit('checkout.session.completed', session, NO_REQUEST);
  return paymentMethod;
}

/** success_url with Stripe's `{CHECKOUT_SESSION_ID}` template filled in. */
export function successUrlOf(session: CheckoutSessionObject): string {
  return session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id);
}
