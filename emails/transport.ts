/** A message ready to leave: rendered parts plus addresses. */
export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
}

export type DeliveryResult = { status: 'sent'; providerMessageId: string } | { status: 'outbox' };

/**
 * Where messages go. `deliver` throws on any failure so the calling Temporal activity retries; the
 * idempotency key must come from the business key (email kind + entity), so a retry never sends twice.
 */
export interface EmailTransport {
  readonly name: 'resend' | 'outbox';
  deliver(message: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult>;
}

/**
 * The provider refused the message for good (a malformed address, a sender it does not accept):
 * retrying cannot help, so the email is recorded as failed for staff instead of blocking billing.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}
