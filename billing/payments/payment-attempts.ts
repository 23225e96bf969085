// An attempt to take a card payment: one object at the gateway, confirmed by autopay or by the
// customer's pay-now, and settled by asking the gateway when an answer was lost.
export const ATTEMPT_STATUSES = [
  'created', // exists at the gateway, not yet confirmed
  'processing', // confirmed, outcome not known yet (or lost to a crash): look it up
  'requires_action', // the bank wants the customer to authenticate (3-D Secure): not a decline
  'declined', // the last confirmation was declined; may be confirmed again with a card
  'succeeded',
  'canceled',
] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** States in which the attempt may be confirmed (again). A succeeded or canceled one never is. */
export function canConfirm(status: AttemptStatus): boolean {
  return status === 'created' || status === 'declined' || status === 'requires_action';
}

/** The attempt is over: its money came in, or it will never be used again. */
export function isSettled(status: AttemptStatus): boolean {
  return status === 'succeeded' || status === 'canceled';
}

/** Idempotency keys for the gateway, derived from business keys, never random per try. */
export const attemptKeys = {
  forInvoice: (invoiceId: string) => `invoice:${invoiceId}`,
  forBalance: (holdId: string) => `balance:${holdId}`,
  /** One confirmation per (attempt, try number): a retried activity repeats the same request. */
  confirmation: (attemptKey: string, confirmation: number) => `${attemptKey}:confirm:${confirmation}`,
} as const;
