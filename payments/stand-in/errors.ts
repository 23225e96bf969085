// Errors shaped as Stripe answers them, so the official SDK turns each into its own error class
// (StripeCardError for 402, StripeInvalidRequestError for 400/404, StripeIdempotencyError, ...).

export interface StripeErrorBody {
  type: 'card_error' | 'invalid_request_error' | 'idempotency_error' | 'api_error';
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  doc_url?: string;
}

export class StandInError extends Error {
  override readonly name = 'StandInError';
  constructor(
    readonly status: number,
    readonly error: StripeErrorBody,
  ) {
    super(error.message);
  }

  get body(): { error: StripeErrorBody } {
    return { error: this.error };
  }
}

export function invalidRequest(message: string, extra: { param?: string; code?: string } = {}): StandInError {
  return new StandInError(400, { type: 'invalid_request_error', message, ...extra });
}

const NOUNS: Record<string, string> = {
  cus: 'customer', pm: 'payment_method', pi: 'payment_intent', ch: 'charge', re: 'refund', cs: 'checkout.session',
  seti: 'setup_intent', evt: 'event', dp: 'dispute', po: 'payout', txn: 'balance_transaction',
};

/** Stripe's 404: "No such customer: 'cus_123'". */
export function noSuch(noun: string, id: string, param?: string): StandInError {
  return new StandInError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${NOUNS[noun] ?? noun}: '${id}'`,
    ...(param ? { param } : {}),
  });
}

export function unexpectedState(message: string): StandInError {
  return invalidRequest(message, { code: 'payment_intent_unexpected_state' });
}
