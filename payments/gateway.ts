// Our own small view of a card payment gateway: what billing needs from one, in our words and our
// money. Stripe is the one implementation today (stripe-gateway.ts); another provider is another
// file implementing this interface, with no change to billing rules or their callers.
//
// Card numbers never pass through here: the customer types them into the gateway's hosted page,
// and we only ever see the gateway's ids, the brand, the last four digits and the expiry.
import type { Money } from '../billing/money.js';
import type { DeclineKind } from '../billing/payments/declines.js';

export interface PaymentGateway {
  readonly provider: 'stripe';
  /** True when the keys are test keys: no real money moves. */
  readonly testMode: boolean;

  /** The customer at the gateway, created once per idempotency key (derive it from our customer id). */
  createCustomer(input: NewGatewayCustomer, idempotencyKey: string): Promise<{ gatewayCustomerId: string }>;

  /** A hosted page of the gateway where the customer saves a card; send their browser to `url`. */
  startCardSetup(input: CardSetupRequest): Promise<CardSetup>;
  /** The card saved on that page, or null while the customer has not finished it. */
  cardSetupResult(sessionId: string): Promise<SavedCard | null>;
  savedCard(paymentMethodId: string): Promise<SavedCard>;

  /**
   * An attempt at the gateway, not confirmed yet, so the caller records its id before any money
   * moves. The same idempotency key gives the same attempt back.
   */
  createPaymentAttempt(input: NewPaymentAttempt): Promise<{ intentId: string }>;
  /** Charges the card. A decline is an outcome, not an error; errors mean the outcome is unknown or the request was wrong. */
  confirmPaymentAttempt(input: AttemptConfirmation): Promise<AttemptOutcome>;
  /** Where an attempt stands, by asking: settles an outcome that was lost, never by charging again. */
  lookupPaymentAttempt(intentId: string): Promise<AttemptOutcome>;
  /** Changes what a not-yet-successful attempt asks for (part of the invoice was paid meanwhile). */
  updatePaymentAttemptAmount(input: { intentId: string; amount: Money; idempotencyKey: string }): Promise<void>;
  cancelPaymentAttempt(intentId: string): Promise<AttemptOutcome>;

  refund(input: RefundRequest): Promise<RefundResult>;

  /**
   * Verifies a webhook's signature on the raw body (a bad, forged or stale one throws
   * WebhookSignatureError before anything else) and reads the event in our words. It may ask the
   * gateway for what the event does not carry (the saved card, a charge's fee): a failure there throws
   * GatewayUnavailableError, and the receiver should answer 5xx so the gateway sends it again.
   */
  parseWebhook(rawBody: Buffer | string, signatureHeader: string): Promise<GatewayEvent>;
}

export interface NewGatewayCustomer {
  /** Our customer id, stored at the gateway to find our customer from its dashboard and events. */
  customerId: string;
  name: string;
  email: string;
}

export interface CardSetupRequest {
  gatewayCustomerId: string;
  customerId: string;
  /** Where the customer comes back after saving; `{CHECKOUT_SESSION_ID}` in it is replaced by the session id. */
  successUrl: string;
  cancelUrl: string;
  /** Optional: a setup page per visit is harmless, so none is needed. */
  idempotencyKey?: string;
}

export interface CardSetup {
  sessionId: string;
  url: string;
}

/** A card on file as we may keep it: never the number or the security code. */
export interface SavedCard {
  paymentMethodId: string;
  gatewayCustomerId: string;
  /** Lower case as the networks name them: visa, mastercard, amex, ... */
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface NewPaymentAttempt {
  amount: Money;
  gatewayCustomerId: string;
  /** Shown on the gateway's dashboard and some bank statements. */
  description: string;
  /** Our keys (invoice id, attempt key), given back with every event about the attempt. */
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export interface AttemptConfirmation {
  intentId: string;
  paymentMethodId: string;
  /** True when the customer is not there (autopay): the bank cannot ask them to authenticate. */
  offSession: boolean;
  /** Where the gateway's authentication page sends the customer back (on-session only). */
  returnUrl?: string;
  idempotencyKey: string;
}

/** Why a card was declined: the gateway's codes, read by billing/payments/declines.ts. */
export interface Decline {
  code: string;
  declineCode: string | null;
  /** The gateway's own message, for staff and logs; customers read declineSentence(). */
  gatewayMessage: string;
  kind: DeclineKind;
}

export type AttemptOutcome =
  /** `fee` in the currency the gateway settles in; null when the gateway has not reported it yet. */
  | { status: 'succeeded'; intentId: string; chargeId: string; amount: Money; fee: Money | null }
  /** The bank wants 3-D Secure: send the customer to actionUrl. Not a decline. */
  | { status: 'requires_action'; intentId: string; actionUrl: string | null }
  /**
   * Off-session, the bank wanted the customer to authenticate. Confirm again with offSession false
   * and a returnUrl while the customer is there (pay now) to get an actionUrl.
   */
  | { status: 'authentication_required'; intentId: string; decline: Decline }
  | { status: 'declined'; intentId: string; decline: Decline & { kind: 'soft' | 'hard' } }
  | { status: 'processing'; intentId: string }
  | { status: 'canceled'; intentId: string }
  /** Not confirmed yet (or no card given yet). */
  | { status: 'requires_payment_method'; intentId: string }
  | { status: 'requires_confirmation'; intentId: string };

export interface RefundRequest {
  intentId: string;
  /** Whole or part of what the attempt took. */
  amount: Money;
  idempotencyKey: string;
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
}

export interface RefundResult {
  refundId: string;
  status: RefundStatus;
  amount: Money;
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled' | 'requires_action';

interface EventBase {
  /** The gateway's event id: act on each once, whatever order and however often it arrives. */
  id: string;
  created: Date;
}

/** Gateway events in our words. Every money event carries its amount and currency to check against what we expected. */
export type GatewayEvent = EventBase &
  (
    | { type: 'payment_succeeded'; intentId: string; chargeId: string; amount: Money; metadata: Record<string, string> }
    | { type: 'payment_failed'; intentId: string; amount: Money; decline: Decline | null; metadata: Record<string, string> }
    | { type: 'payment_requires_action'; intentId: string; amount: Money; actionUrl: string | null; metadata: Record<string, string> }
    | { type: 'card_saved'; sessionId: string; gatewayCustomerId: string; card: SavedCard; metadata: Record<string, string> }
    | { type: 'refund'; refundId: string; intentId: string | null; chargeId: string; amount: Money; status: RefundStatus }
    | { type: 'dispute_opened' | 'dispute_closed'; disputeId: string; chargeId: string; intentId: string | null; amount: Money; status: DisputeStatus; reason: string }
    | { type: 'payout_paid'; payoutId: string; amount: Money; arrivalDate: Date }
    /**
     * The fee the gateway keeps on a charge, from its balance transaction (one per charge). Amount,
     * fee and net are in the currency the gateway settles in, which may differ from the charge's.
     */
    | { type: 'fee_reported'; balanceTransactionId: string; chargeId: string; intentId: string | null; amount: Money; fee: Money; net: Money }
    /** An event we do not act on; answer 2xx so the gateway stops sending it. */
    | { type: 'ignored'; gatewayType: string }
  );

export type DisputeStatus =
  | 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost'
  | 'prevented' | 'appeal_needs_response' | 'appeal_under_review';

/**
 * The gateway did not answer, or answered in a way that says nothing about the outcome (a timeout,
 * a 5xx, a conflict). The request may have happened: retry it with the same idempotency key, or
 * look the attempt up.
 */
export class GatewayUnavailableError extends Error {
  override readonly name = 'GatewayUnavailableError';
}

/** The gateway refused the request itself (a wrong id, a reused idempotency key, a refund over the amount): retrying cannot help. */
export class GatewayRequestError extends Error {
  override readonly name = 'GatewayRequestError';
  constructor(
    message: string,
    /** The gateway's error code, e.g. `resource_missing`, `idempotency_error`, `charge_already_refunded`. */
    readonly code: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
  }
}

/** A webhook whose signature is missing, wrong, forged or too old: answer 400 and do nothing with it. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}

/**
 * Error checks by name, not class: the portal's build carries its own copy of these classes, so an
 * error thrown by the gateway the server made is not an `instanceof` of the portal's copy.
 */
export const isGatewayUnavailable = (error: unknown): boolean => error instanceof Error && error.name === 'GatewayUnavailableError';
export const isGatewayRequestError = (error: unknown): error is GatewayRequestError => error instanceof Error && error.name === 'GatewayRequestError';
export const isWebhookSignatureError = (error: unknown): boolean => error instanceof Error && error.name === 'WebhookSignatureError';
