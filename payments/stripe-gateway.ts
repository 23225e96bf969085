// The PaymentGateway on Stripe, through the official SDK. Every create, confirm and refund carries
// the caller's idempotency key, so a retried activity repeats the same request instead of making
// another; a decline comes back as an outcome, and Stripe's errors as ours (gateway.ts).
import Stripe from 'stripe';
import { declineKind } from '../billing/payments/declines.js';
import {
  GatewayRequestError,
  GatewayUnavailableError,
  WebhookSignatureError,
  type AttemptOutcome,
  type Decline,
  type DisputeStatus,
  type GatewayEvent,
  type PaymentGateway,
  type RefundStatus,
  type SavedCard,
} from './gateway.js';
import { fromStripeAmount, toStripeAmount } from './stripe-amounts.js';

export interface StripeGatewayOptions {
  /** `sk_test_...` / `sk_live_...` (or a restricted `rk_` key). */
  secretKey: string;
  /** The webhook endpoint's signing secret, `whsec_...`. */
  webhookSecret: string;
  /** Where the API is, e.g. the local stand-in's `http://127.0.0.1:12111`; unset: api.stripe.com. */
  apiBaseUrl?: string;
  /** Retries of a request whose answer did not come (same idempotency key). Default 2, as the SDK's. */
  maxNetworkRetries?: number;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** How old a webhook signature may be; default Stripe's 300 s. */
  webhookToleranceSeconds?: number;
}

/** What an attempt's outcome needs to know about its charge: the fee comes from the charge's balance transaction. */
const WITH_CHARGE_AND_FEE = ['latest_charge.balance_transaction'];

export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  if (!options.secretKey) throw new Error('createStripeGateway needs a secret key');
  if (!options.webhookSecret) throw new Error('createStripeGateway needs the webhook signing secret');
  const stripe = new Stripe(options.secretKey, {
    ...apiLocation(options.apiBaseUrl),
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 30_000,
    telemetry: false,
    appInfo: { name: 'Uplink' },
  });
  const call = <T>(what: string, request: () => Promise<T>): Promise<T> =>
    request().catch((error: unknown) => {
      throw gatewayError(error, what, options.secretKey);
    });

  async function lookup(intentId: string): Promise<AttemptOutcome> {
    return outcomeOf(await call('look up the payment attempt', () => stripe.paymentIntents.retrieve(intentId, { expand: WITH_CHARGE_AND_FEE })));
  }

  /** A confirm or cancel refused because the attempt moved on (succeeded, canceled): say where it stands. */
  async function settledAfterRefusal(error: unknown, intentId: string): Promise<AttemptOutcome> {
    if (error instanceof GatewayRequestError && error.code === 'payment_intent_unexpected_state') {
      const outcome = await lookup(intentId);
      if (outcome.status === 'succeeded' || outcome.status === 'canceled' || outcome.status === 'processing') return outcome;
    }
    throw error;
  }

  return {
    provider: 'stripe',
    testMode: /^(sk|rk)_test_/.test(options.secretKey),

    async createCustomer({ customerId, name, email }, idempotencyKey) {
      const customer = await call('create the customer', () =>
        stripe.customers.create({ name, email, metadata: { customer_id: customerId } }, { idempotencyKey }),
      );
      return { gatewayCustomerId: customer.id };
    },

    async startCardSetup({ gatewayCustomerId, customerId, successUrl, cancelUrl, idempotencyKey }) {
      const session = await call('start the card setup', () =>
        stripe.checkout.sessions.create(
          {
            mode: 'setup',
            customer: gatewayCustomerId,
            allowed_payment_method_types: ['card'],
            success_url: successUrl,
            cancel_url: cancelUrl,
            metadata: { customer_id: customerId },
            setup_intent_data: { metadata: { customer_id: customerId } },
          },
          idempotencyKey ? { idempotencyKey } : undefined,
        ),
      );
      if (!session.url) throw new GatewayRequestError(`Stripe made checkout session ${session.id} without a page URL`, 'missing_url', null);
      return { sessionId: session.id, url: session.url };
    },

    async cardSetupResult(sessionId) {
      const session = await call('read the card setup', () =>
        stripe.checkout.sessions.retrieve(sessionId, { expand: ['setup_intent.payment_method'] }),
      );
      if (session.status !== 'complete') return null;
      const setupIntent = session.setup_intent;
      if (!setupIntent || typeof setupIntent === 'string' || setupIntent.status !== 'succeeded') return null;
      const paymentMethod = setupIntent.payment_method;
      if (!paymentMethod) return null;
      return savedCardOf(typeof paymentMethod === 'string' ? await call('read the saved card', () => stripe.paymentMethods.retrieve(paymentMethod)) : paymentMethod);
    },

    async savedCard(paymentMethodId) {
      return savedCardOf(await call('read the saved card', () => stripe.paymentMethods.retrieve(paymentMethodId)));
    },

    async createPaymentAttempt({ amount, gatewayCustomerId, description, metadata, idempotencyKey }) {
      const intent = await call('create the payment attempt', () =>
        stripe.paymentIntents.create(
          { ...toStripeAmount(amount), customer: gatewayCustomerId, description, metadata, allowed_payment_method_types: ['card'] },
          { idempotencyKey },
        ),
      );
      return { intentId: intent.id };
    },

    async confirmPaymentAttempt({ intentId, paymentMethodId, offSession, returnUrl, idempotencyKey }) {
      try {
        const intent = await stripe.paymentIntents.confirm(
          intentId,
          {
            payment_method: paymentMethodId,
            ...(offSession ? { off_session: true } : returnUrl ? { return_url: returnUrl } : {}),
            expand: WITH_CHARGE_AND_FEE,
          },
          { idempotencyKey },
        );
        return outcomeOf(intent);
      } catch (error) {
        // A decline is Stripe's 402, carrying the intent as it now stands.
        if (error instanceof Stripe.errors.StripeCardError) return error.payment_intent ? outcomeOf(error.payment_intent) : lookup(intentId);
        return settledAfterRefusal(gatewayError(error, 'confirm the payment attempt', options.secretKey), intentId);
      }
    },

    lookupPaymentAttempt: lookup,

    async updatePaymentAttemptAmount({ intentId, amount, idempotencyKey }) {
      await call('change the payment attempt amount', () =>
        // The currency goes along: an amount is only the amount it says in its own currency.
        stripe.paymentIntents.update(intentId, toStripeAmount(amount), { idempotencyKey }),
      );
    },

    async cancelPaymentAttempt(intentId) {
      try {
        return outcomeOf(await stripe.paymentIntents.cancel(intentId));
      } catch (error) {
        return settledAfterRefusal(gatewayError(error, 'cancel the payment attempt', options.secretKey), intentId);
      }
    },

    async refund({ intentId, amount, idempotencyKey, reason }) {
      // Stripe refunds in the charge's currency whatever we think it is: check before money moves.
      const intent = await call('read the payment to refund', () => stripe.paymentIntents.retrieve(intentId));
      if (intent.currency.toUpperCase() !== amount.currency) {
        throw new GatewayRequestError(
          `Cannot refund ${amount.currency} on payment attempt ${intentId}, which was made in ${intent.currency.toUpperCase()}`,
          'currency_mismatch',
          null,
        );
      }
      const refund = await call('refund the payment', () =>
        stripe.refunds.create({ payment_intent: intentId, amount: toStripeAmount(amount).amount, ...(reason ? { reason } : {}) }, { idempotencyKey }),
      );
      return { refundId: refund.id, status: (refund.status ?? 'pending') as RefundStatus, amount: fromStripeAmount(refund.amount, refund.currency) };
    },

    async parseWebhook(rawBody, signatureHeader) {
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signatureHeader, options.webhookSecret, options.webhookToleranceSeconds);
      } catch (error) {
        throw new WebhookSignatureError(`Webhook refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      return eventOf(event, {
        setupIntentWithCard: (id) => call('read the saved card', () => stripe.setupIntents.retrieve(id, { expand: ['payment_method'] })),
        balanceTransaction: (id) => call('read the charge fee', () => stripe.balanceTransactions.retrieve(id)),
      });
    },
  };
}

function apiLocation(apiBaseUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiBaseUrl) return {};
  const url = new URL(apiBaseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

/**
 * Stripe's errors as ours: no answer, a 5xx, a conflict or a rate limit leave the outcome unknown
 * (retry with the same key, or look it up); any other refusal is final. The secret key never
 * reaches a message, even if echoed back.
 */
function gatewayError(error: unknown, what: string, secretKey: string): Error {
  if (!(error instanceof Stripe.errors.StripeError)) return error instanceof Error ? error : new Error(String(error));
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const code = error.code ?? error.rawType ?? error.type;
  const message = `Stripe could not ${what} (${status === null ? 'no answer' : `HTTP ${status}`}, ${code}): ${error.message}`.split(secretKey).join('[redacted]');
  if (error instanceof Stripe.errors.StripeConnectionError || status === null || status >= 500 || status === 409 || status === 429) {
    return new GatewayUnavailableError(message, { cause: error });
  }
  return new GatewayRequestError(message, code, status);
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

function savedCardOf(paymentMethod: Stripe.PaymentMethod): SavedCard {
  const { card } = paymentMethod;
  if (paymentMethod.type !== 'card' || !card) {
    throw new GatewayRequestError(`Payment method ${paymentMethod.id} is not a card`, 'not_a_card', null);
  }
  const gatewayCustomerId = idOf(paymentMethod.customer);
  if (!gatewayCustomerId) {
    throw new GatewayRequestError(`Card ${paymentMethod.id} is not saved to a customer`, 'payment_method_not_attached', null);
  }
  return { paymentMethodId: paymentMethod.id, gatewayCustomerId, brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
}

function declineOf(error: Stripe.PaymentIntent.LastPaymentError): Decline {
  const code = error.code ?? 'card_declined';
  const declineCode = error.decline_code ?? null;
  return { code, declineCode, gatewayMessage: error.message ?? '', kind: declineKind(code, declineCode) };
}

function outcomeOf(intent: Stripe.PaymentIntent): AttemptOutcome {
  const intentId = intent.id;
  switch (intent.status) {
    case 'succeeded': {
      const charge = intent.latest_charge;
      const chargeId = idOf(charge);
      if (!chargeId) throw new GatewayRequestError(`Stripe says payment attempt ${intentId} succeeded but names no charge`, 'missing_charge', null);
      const transaction = typeof charge === 'object' && charge !== null ? charge.balance_transaction : null;
      const fee = typeof transaction === 'object' && transaction !== null ? fromStripeAmount(transaction.fee, transaction.currency) : null;
      return { status: 'succeeded', intentId, chargeId, amount: fromStripeAmount(intent.amount_received, intent.currency), fee };
    }
    case 'requires_action':
      return { status: 'requires_action', intentId, actionUrl: intent.next_action?.redirect_to_url?.url ?? null };
    case 'requires_payment_method': {
      if (!intent.last_payment_error) return { status: 'requires_payment_method', intentId };
      const decline = declineOf(intent.last_payment_error);
      if (decline.kind === 'needs_authentication') return { status: 'authentication_required', intentId, decline };
      return { status: 'declined', intentId, decline: { ...decline, kind: decline.kind } };
    }
    case 'requires_confirmation':
      return { status: 'requires_confirmation', intentId };
    case 'canceled':
      return { status: 'canceled', intentId };
    default:
      // processing, or requires_capture (we never hold funds): the outcome is still to come.
      return { status: 'processing', intentId };
  }
}

interface EventLookups {
  setupIntentWithCard(id: string): Promise<Stripe.SetupIntent>;
  balanceTransaction(id: string): Promise<Stripe.BalanceTransaction>;
}

async function eventOf(event: Stripe.Event, lookups: EventLookups): Promise<GatewayEvent> {
  const base = { id: event.id, created: new Date(event.created * 1000) };
  const ignored: GatewayEvent = { ...base, type: 'ignored', gatewayType: event.type };
  const object: unknown = event.data.object;
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = object as Stripe.PaymentIntent;
      const chargeId = idOf(intent.latest_charge);
      if (!chargeId) return ignored;
      return { ...base, type: 'payment_succeeded', intentId: intent.id, chargeId, amount: fromStripeAmount(intent.amount_received, intent.currency), metadata: intent.metadata };
    }
    case 'payment_intent.payment_failed': {
      const intent = object as Stripe.PaymentIntent;
      const decline = intent.last_payment_error ? declineOf(intent.last_payment_error) : null;
      return { ...base, type: 'payment_failed', intentId: intent.id, amount: fromStripeAmount(intent.amount, intent.currency), decline, metadata: intent.metadata };
    }
    case 'payment_intent.requires_action': {
      const intent = object as Stripe.PaymentIntent;
      return {
        ...base,
        type: 'payment_requires_action',
        intentId: intent.id,
        amount: fromStripeAmount(intent.amount, intent.currency),
        actionUrl: intent.next_action?.redirect_to_url?.url ?? null,
        metadata: intent.metadata,
      };
    }
    case 'checkout.session.completed': {
      const session = object as Stripe.Checkout.Session;
      const setupIntentId = idOf(session.setup_intent);
      if (session.mode !== 'setup' || session.status !== 'complete' || !setupIntentId) return ignored;
      const setupIntent = await lookups.setupIntentWithCard(setupIntentId);
      const paymentMethod = setupIntent.payment_method;
      if (setupIntent.status !== 'succeeded' || !paymentMethod || typeof paymentMethod === 'string') return ignored;
      const card = savedCardOf(paymentMethod);
      return { ...base, type: 'card_saved', sessionId: session.id, gatewayCustomerId: card.gatewayCustomerId, card, metadata: session.metadata ?? {} };
    }
    case 'refund.created':
    case 'refund.updated': {
      const refund = object as Stripe.Refund;
      const chargeId = idOf(refund.charge);
      if (!chargeId) return ignored;
      return {
        ...base,
        type: 'refund',
        refundId: refund.id,
        intentId: idOf(refund.payment_intent),
        chargeId,
        amount: fromStripeAmount(refund.amount, refund.currency),
        status: (refund.status ?? 'pending') as RefundStatus,
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = object as Stripe.Dispute;
      return {
        ...base,
        type: event.type === 'charge.dispute.created' ? 'dispute_opened' : 'dispute_closed',
        disputeId: dispute.id,
        chargeId: idOf(dispute.charge)!,
        intentId: idOf(dispute.payment_intent),
        amount: fromStripeAmount(dispute.amount, dispute.currency),
        status: dispute.status as DisputeStatus,
        reason: dispute.reason,
      };
    }
    case 'payout.paid': {
      const payout = object as Stripe.Payout;
      return { ...base, type: 'payout_paid', payoutId: payout.id, amount: fromStripeAmount(payout.amount, payout.currency), arrivalDate: new Date(payout.arrival_date * 1000) };
    }
    case 'charge.succeeded':
    case 'charge.updated': {
      // The fee is known once the charge has its balance transaction (at once for cards, or in a later charge.updated).
      const charge = object as Stripe.Charge;
      const transactionRef = charge.balance_transaction;
      if (charge.status !== 'succeeded' || !transactionRef) return ignored;
      const transaction = typeof transactionRef === 'string' ? await lookups.balanceTransaction(transactionRef) : transactionRef;
      return {
        ...base,
        type: 'fee_reported',
        balanceTransactionId: transaction.id,
        chargeId: charge.id,
        intentId: idOf(charge.payment_intent),
        amount: fromStripeAmount(transaction.amount, transaction.currency),
        fee: fromStripeAmount(transaction.fee, transaction.currency),
        net: fromStripeAmount(transaction.net, transaction.currency),
      };
    }
    default:
      return ignored;
  }
}
