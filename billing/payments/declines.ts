// What a card decline means for us: retry it on the dunning days (soft), stop and ask for another
// card (hard), or bring the customer in to authenticate (neither: the bank wants 3-D Secure). And
// the sentence the customer reads. Codes are the card networks' reasons as Stripe names them
// (`decline_code`, or the error `code` when there is none); another gateway maps its own onto these.

export type DeclineKind = 'soft' | 'hard' | 'needs_authentication';

interface DeclineMeaning {
  kind: DeclineKind;
  /** Completes "Your bank declined the payment because …"; null: say no more than that. */
  because: string | null;
}

const soft = (because: string | null): DeclineMeaning => ({ kind: 'soft', because });
const hard = (because: string | null): DeclineMeaning => ({ kind: 'hard', because });

// Reasons that point at fraud (lost, stolen, pick up, fraudulent, blocked) are shown as a plain
// decline: telling a card thief which check caught them helps the thief, and the card holder learns
// it from their bank anyway.
const MEANINGS: Readonly<Record<string, DeclineMeaning>> = {
  // Soft: the same card may well pay on another day.
  generic_decline: soft(null),
  card_declined: soft(null),
  do_not_honor: soft(null),
  insufficient_funds: soft('there were not enough funds on the card'),
  withdrawal_count_limit_exceeded: soft('the card has reached its limit of payments for now'),
  card_velocity_exceeded: soft('the card has reached its spending limit for now'),
  try_again_later: soft('it could not approve it at the moment'),
  issuer_not_available: soft('it could not be reached at the moment'),
  processing_error: soft('of an error while processing the card'),
  reenter_transaction: soft('of an error while processing the card'),
  duplicate_transaction: soft('a payment of the same amount was made with the card just before'),
  approve_with_id: soft('it could not approve it at the moment'),
  call_issuer: soft('it wants you to contact it about this card'),
  no_action_taken: soft(null),
  not_permitted: soft('it does not allow this payment'),
  service_not_allowed: soft('it does not allow this kind of payment on the card'),
  invalid_amount: soft('it did not accept the amount'),

  // Hard: retrying the same card cannot help; the customer needs another card or their bank.
  expired_card: hard('the card has expired'),
  incorrect_number: hard('the card number is not correct'),
  invalid_number: hard('the card number is not correct'),
  incorrect_cvc: hard('the security code is not correct'),
  invalid_cvc: hard('the security code is not correct'),
  invalid_expiry_month: hard('the expiry date is not correct'),
  invalid_expiry_year: hard('the expiry date is not correct'),
  incorrect_zip: hard('the postal code does not match the card'),
  incorrect_pin: hard('the PIN is not correct'),
  invalid_pin: hard('the PIN is not correct'),
  pin_try_exceeded: hard('the PIN was entered wrongly too many times'),
  offline_pin_required: hard('the card needs its PIN, which cannot be entered online'),
  online_or_offline_pin_required: hard('the card needs its PIN, which cannot be entered online'),
  invalid_account: hard('the card or its account is no longer valid'),
  new_account_information_available: hard('the card or its account is no longer valid'),
  card_not_supported: hard('the card does not support this kind of payment'),
  currency_not_supported: hard('the card does not support payments in this currency'),
  restricted_card: hard('the card cannot be used for this payment'),
  transaction_not_allowed: hard('the card cannot be used for this payment'),
  revocation_of_authorization: hard('the card holder stopped payments to us'),
  revocation_of_all_authorizations: hard('the card holder stopped payments to us'),
  stop_payment_order: hard('the card holder stopped payments to us'),
  do_not_try_again: hard(null),
  testmode_decline: hard('a test card was used'),
  lost_card: hard(null),
  stolen_card: hard(null),
  pickup_card: hard(null),
  fraudulent: hard(null),
  merchant_blacklist: hard(null),
  security_violation: hard(null),

  // Neither: not a refusal, the bank asks the card holder to confirm the payment themselves.
  authentication_required: { kind: 'needs_authentication', because: null },
  payment_intent_authentication_failure: { kind: 'needs_authentication', because: null },
};

/**
 * A reason we do not know is retried like a generic decline: the dunning policy bounds the retries
 * anyway, and giving up on a card that might pay tomorrow costs more than one more try.
 */
const UNKNOWN = soft(null);

function meaningOf(code: string, declineCode: string | null | undefined): DeclineMeaning {
  return (declineCode ? MEANINGS[declineCode] : undefined) ?? MEANINGS[code] ?? UNKNOWN;
}

/** Soft, hard or needs authentication, from the gateway's error code and decline code. */
export function declineKind(code: string, declineCode?: string | null): DeclineKind {
  return meaningOf(code, declineCode).kind;
}

/** The customer's sentence, e.g. "Your bank declined the payment because the card has expired." */
export function declineSentence(code: string, declineCode?: string | null): string {
  const meaning = meaningOf(code, declineCode);
  if (meaning.kind === 'needs_authentication') {
    return 'Your bank needs you to confirm this payment yourself before it can go through.';
  }
  if (meaning.because === null) return 'Your bank declined the payment.';
  return `Your bank declined the payment because ${meaning.because}.`;
}

/** The codes this module knows, for tests and for mapping another gateway's reasons. */
export const KNOWN_DECLINE_CODES: readonly string[] = Object.keys(MEANINGS);
