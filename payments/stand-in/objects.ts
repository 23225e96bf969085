// The Stripe objects the stand-in keeps, as Stripe shapes them (the fields our adapter and a reader
// of Stripe's docs would look for), and one store of them all by id, which also expands ids into
// objects for `expand[]`.
import { invalidRequest, noSuch } from './errors.js';
import { prefixOf } from './ids.js';

export interface CustomerObject {
  id: string;
  object: 'customer';
  created: number;
  name: string | null;
  email: string | null;
  description: string | null;
  metadata: Record<string, string>;
  invoice_settings: { default_payment_method: string | null };
  livemode: false;
}

export interface CardDetails {
  brand: string;
  display_brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: 'credit' | 'debit';
  country: string;
  /** The same card always has the same fingerprint; it is not the number and cannot give it back. */
  fingerprint: string;
  checks: { cvc_check: 'pass'; address_line1_check: null; address_postal_code_check: null };
}

export interface PaymentMethodObject {
  id: string;
  object: 'payment_method';
  type: 'card';
  card: CardDetails;
  customer: string | null;
  billing_details: { name: string | null; email: string | null; phone: string | null; address: null };
  created: number;
  metadata: Record<string, string>;
  livemode: false;
}

export interface PaymentErrorObject {
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  message: string;
  charge?: string;
  payment_method?: PaymentMethodObject;
  doc_url?: string;
}

export type PaymentIntentStatus =
  | 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';

export interface NextAction {
  type: 'redirect_to_url';
  redirect_to_url: { url: string; return_url: string | null };
}

export interface PaymentIntentObject {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  amount_capturable: 0;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  status: PaymentIntentStatus;
  payment_method: string | null;
  payment_method_types: ['card'];
  allowed_payment_method_types: ['card'];
  latest_charge: string | null;
  last_payment_error: PaymentErrorObject | null;
  next_action: NextAction | null;
  client_secret: string;
  capture_method: 'automatic';
  confirmation_method: 'automatic';
  setup_future_usage: null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  created: number;
  livemode: false;
}

export interface ChargeObject {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { type: 'card'; card: Omit<CardDetails, 'display_brand'> };
  status: 'succeeded' | 'failed';
  paid: boolean;
  captured: boolean;
  refunded: boolean;
  disputed: boolean;
  balance_transaction: string | null;
  failure_code: string | null;
  failure_message: string | null;
  outcome: { type: 'authorized' | 'issuer_declined'; network_status: string; reason: string | null; seller_message: string; risk_level: 'normal' };
  created: number;
  livemode: false;
}

export interface BalanceTransactionObject {
  id: string;
  object: 'balance_transaction';
  amount: number;
  currency: string;
  fee: number;
  fee_details: { amount: number; currency: string; type: 'stripe_fee'; description: string; application: null }[];
  net: number;
  source: string;
  status: 'available';
  type: 'charge' | 'refund' | 'adjustment' | 'payout';
  reporting_category: 'charge' | 'refund' | 'dispute' | 'dispute_reversal' | 'payout';
  description: string | null;
  available_on: number;
  created: number;
}

export interface RefundObject {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer' | null;
  status: 'succeeded';
  balance_transaction: string;
  metadata: Record<string, string>;
  created: number;
}

export interface SetupIntentObject {
  id: string;
  object: 'setup_intent';
  status: 'requires_payment_method' | 'succeeded';
  customer: string;
  payment_method: string | null;
  payment_method_types: ['card'];
  allowed_payment_method_types: ['card'];
  usage: 'off_session';
  metadata: Record<string, string>;
  client_secret: string;
  created: number;
  livemode: false;
}

export interface CheckoutSessionObject {
  id: string;
  object: 'checkout.session';
  mode: 'setup';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'no_payment_required';
  customer: string;
  setup_intent: string;
  payment_method_types: ['card'];
  allowed_payment_method_types: ['card'];
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  currency: string | null;
  metadata: Record<string, string>;
  created: number;
  expires_at: number;
  livemode: false;
}

export interface DisputeObject {
  id: string;
  object: 'dispute';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string;
  status: 'needs_response' | 'under_review' | 'won' | 'lost';
  /** Stripe embeds these whole in a dispute. */
  balance_transactions: BalanceTransactionObject[];
  is_charge_refundable: false;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

export interface PayoutObject {
  id: string;
  object: 'payout';
  amount: number;
  currency: string;
  arrival_date: number;
  status: 'paid';
  method: 'standard';
  type: 'bank_account';
  balance_transaction: string;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

export interface EventObject {
  id: string;
  object: 'event';
  api_version: string;
  type: string;
  created: number;
  data: { object: StripeObject };
  request: { id: string | null; idempotency_key: string | null };
  pending_webhooks: number;
  livemode: false;
}

export type StripeObject =
  | CustomerObject | PaymentMethodObject | PaymentIntentObject | ChargeObject | BalanceTransactionObject | RefundObject
  | SetupIntentObject | CheckoutSessionObject | DisputeObject | PayoutObject | EventObject;

type ObjectOf<K extends StripeObject['object']> = Extract<StripeObject, { object: K }>;

/** Stripe expands at most four levels deep. */
const MAX_EXPAND_DEPTH = 4;

export class ObjectStore {
  private readonly objects = new Map<string, StripeObject>();

  put<T extends StripeObject>(object: T): T {
    this.objects.set(object.id, object);
    return object;
  }

  /** The object of that kind, or Stripe's 404 ("No such payment_intent: 'pi_x'"). */
  get<K extends StripeObject['object']>(id: string, kind: K, param?: string): ObjectOf<K> {
    const found = this.objects.get(id);
    if (!found || found.object !== kind) throw noSuch(prefixOf(id) || kind, id, param);
    return found as ObjectOf<K>;
  }

  all<K extends StripeObject['object']>(kind: K): ObjectOf<K>[] {
    return [...this.objects.values()].filter((object): object is ObjectOf<K> => object.object === kind);
  }

  /** A copy for the wire with each `expand[]` path (`latest_charge.balance_transaction`) replaced by the object it names. */
  render(object: StripeObject, expand: readonly string[] = []): unknown {
    const copy = structuredClone(object) as unknown as Record<string, unknown>;
    for (const path of expand) this.expandPath(copy, path.split('.'), path);
    return copy;
  }

  private expandPath(target: Record<string, unknown>, segments: string[], path: string): void {
    if (segments.length > MAX_EXPAND_DEPTH) throw invalidRequest(`You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property.`, { param: 'expand' });
    const [field, ...rest] = segments as [string, ...string[]];
    const value = target[field];
    if (value === null) return;
    let expanded: Record<string, unknown>;
    if (typeof value === 'string' && this.objects.has(value)) {
      expanded = structuredClone(this.objects.get(value)) as unknown as Record<string, unknown>;
      target[field] = expanded;
    } else if (typeof value === 'object' && value !== undefined && rest.length > 0) {
      expanded = value as Record<string, unknown>;
    } else {
      throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
    }
    if (rest.length > 0) this.expandPath(expanded, rest, path);
  }
}
