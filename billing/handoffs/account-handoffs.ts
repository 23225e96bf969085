// What a customer's account workflow learns from changes committed outside it, and the rule that
// applies each hand-off exactly once. A hand-off names a fact, never a figure: the workflow reads
// the figures (balance, subscription) from the database when it applies it, so a late or repeated
// message can never put an older state back.

/** A fact committed to the database that the account workflow must act on. */
export type AccountFact =
  /** The customer was created: the workflow starts (if it is not running) and reads the account. */
  | { kind: 'account-opened' }
  /** A customer set up without a plan got one. */
  | { kind: 'subscription-started'; subscriptionId: string }
  /** A one-off invoice (also from an accepted quote) or a credit note was posted to the account. */
  | { kind: 'document-posted'; document: 'invoice' | 'credit-note'; documentId: string }
  /** Money came in and was booked (and allocated) for the customer. */
  | { kind: 'payment-received'; paymentId: string }
  /** A card payment attempt was declined or needs the customer to authenticate. */
  | { kind: 'payment-failed'; attemptId: string; confirmation: number }
  /** A refund or a lost dispute took money back; invoices may be open again. */
  | { kind: 'refund-issued'; refundId: string }
  /** The customer saved a card or turned autopay on or off. */
  | { kind: 'card-updated'; change: string };

export const ACCOUNT_FACT_KINDS = [
  'account-opened',
  'subscription-started',
  'document-posted',
  'payment-received',
  'payment-failed',
  'refund-issued',
  'card-updated',
] as const satisfies readonly AccountFact['kind'][];

/**
 * A fact with its place in the account's sequence. Sequences are taken in the committing
 * transaction under a per-account lock, so they number the account's facts 1, 2, 3... in commit order.
 */
export interface AccountHandoff {
  sequence: number;
  fact: AccountFact;
}

/**
 * The sequences an account workflow has applied, kept across continue-as-new: every sequence up to
 * `through`, and the ones above it that arrived early. Delivery is at least once and may be out of
 * order; this makes applying exactly once.
 */
export interface AppliedHandoffs {
  through: number;
  above: number[];
}

export const noHandoffsApplied = (): AppliedHandoffs => ({ through: 0, above: [] });

export function isHandoffApplied(applied: AppliedHandoffs, sequence: number): boolean {
  return sequence <= applied.through || applied.above.includes(sequence);
}

/** Records `sequence` as applied; returns false (and changes nothing) if it already was. */
export function markHandoffApplied(applied: AppliedHandoffs, sequence: number): boolean {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`hand-off sequence must be a positive integer, not ${sequence}`);
  if (isHandoffApplied(applied, sequence)) return false;
  applied.above.push(sequence);
  applied.above.sort((a, b) => a - b);
  // Fold the ones that now follow on without a gap into `through`, so the list stays short.
  while (applied.above[0] === applied.through + 1) {
    applied.through += 1;
    applied.above.shift();
  }
  return true;
}

