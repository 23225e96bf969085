// The part of Stripe's API the stand-in serves, by method and path.
import { retrieveBalance, retrieveBalanceTransaction } from './balance.js';
import { retrieveCharge } from './charges.js';
import { createCheckoutSession, retrieveCheckoutSession, retrieveSetupIntent } from './checkout.js';
import { createCustomer, retrieveCustomer, retrievePaymentMethod } from './customers.js';
import { retrieveDispute, retrievePayout } from './disputes.js';
import { listEvents, retrieveEvent } from './events-api.js';
import { cancelPaymentIntent, confirmPaymentIntent, createPaymentIntent, retrievePaymentIntent, updatePaymentIntent } from './payment-intents.js';
import { createRefund, retrieveRefund } from './refunds.js';
import type { ApiHandler } from './state.js';

const ID = '([^/]+)';

export const API_ROUTES: readonly [method: 'GET' | 'POST', pattern: RegExp, handler: ApiHandler][] = [
  ['POST', /^\/v1\/customers$/, createCustomer],
  ['GET', new RegExp(`^/v1/customers/${ID}$`), retrieveCustomer],
  ['GET', new RegExp(`^/v1/payment_methods/${ID}$`), retrievePaymentMethod],
  ['POST', /^\/v1\/checkout\/sessions$/, createCheckoutSession],
  ['GET', new RegExp(`^/v1/checkout/sessions/${ID}$`), retrieveCheckoutSession],
  ['GET', new RegExp(`^/v1/setup_intents/${ID}$`), retrieveSetupIntent],
  ['POST', /^\/v1\/payment_intents$/, createPaymentIntent],
  ['GET', new RegExp(`^/v1/payment_intents/${ID}$`), retrievePaymentIntent],
  ['POST', new RegExp(`^/v1/payment_intents/${ID}$`), updatePaymentIntent],
  ['POST', new RegExp(`^/v1/payment_intents/${ID}/confirm$`), confirmPaymentIntent],
  ['POST', new RegExp(`^/v1/payment_intents/${ID}/cancel$`), cancelPaymentIntent],
  ['GET', new RegExp(`^/v1/charges/${ID}$`), retrieveCharge],
  ['GET', /^\/v1\/balance$/, retrieveBalance],
  ['GET', new RegExp(`^/v1/balance_transactions/${ID}$`), retrieveBalanceTransaction],
  ['POST', /^\/v1\/refunds$/, createRefund],
  ['GET', new RegExp(`^/v1/refunds/${ID}$`), retrieveRefund],
  ['GET', new RegExp(`^/v1/disputes/${ID}$`), retrieveDispute],
  ['GET', new RegExp(`^/v1/payouts/${ID}$`), retrievePayout],
  ['GET', /^\/v1\/events$/, listEvents],
  ['GET', new RegExp(`^/v1/events/${ID}$`), retrieveEvent],
];
