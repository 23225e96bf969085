import { Resend, type ErrorResponse } from 'resend';
import { PermanentDeliveryError, type DeliveryResult, type EmailTransport, type OutgoingEmail } from './transport.js';

export interface ResendTransportOptions {
  apiKey: string;
  /** Resend API root without a trailing path, e.g. a local stand-in in tests. Unset: the SDK uses
   * `RESEND_BASE_URL` from the environment, else https://api.resend.com. */
  baseUrl?: string;
}

/** Resend's limit; its keys expire after 24 hours. */
export const maxIdempotencyKeyLength = 256;

/** Thrown for every failed send, so the activity retries; carries what Resend said for retry decisions. */
export class ResendDeliveryError extends Error {
  override readonly name = 'ResendDeliveryError';
  constructor(
    message: string,
    /** HTTP status from Resend's error body; null when no response arrived (connection refused, DNS, ...) or it named none. */
    readonly statusCode: number | null,
    /** Resend's error name, e.g. `validation_error`, `rate_limit_exceeded`. */
    readonly code: string,
  ) {
    super(message);
  }
}

export function createResendTransport(options: ResendTransportOptions): EmailTransport {
  // Checked here because the SDK silently falls back to RESEND_API_KEY when given an empty key.
  if (!options.apiKey) throw new Error('createResendTransport needs a non-empty apiKey');
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  const resend = new Resend(options.apiKey, baseUrl ? { baseUrl } : undefined);

  return {
    name: 'resend',
    async deliver(message: OutgoingEmail, idempotencyKey: string): Promise<DeliveryResult> {
      assertValidIdempotencyKey(idempotencyKey);
      // The SDK never throws for API or network failures; it returns `error`. We throw so Temporal retries.
      const { data, error } = await resend.emails.send(
        { from: message.from, to: message.to, replyTo: message.replyTo, subject: message.subject, html: message.html, text: message.text },
        { idempotencyKey },
      );
      if (error) {
        const failure = deliveryError(error, options.apiKey);
        throw isPermanent(failure) ? new PermanentDeliveryError(failure.message, { cause: failure }) : failure;
      }
      if (typeof data?.id !== 'string') throw new ResendDeliveryError('Resend accepted the email but returned no id', null, 'missing_id');
      return { status: 'sent', providerMessageId: data.id };
    },
  };
}

/**
 * A 4xx means Resend will refuse the same request again, except 409 (a concurrent request with
 * the same idempotency key) and 429 (rate limited), which pass with time.
 */
function isPermanent(failure: ResendDeliveryError): boolean {
  const status = failure.statusCode;
  return status !== null && status >= 400 && status < 500 && status !== 409 && status !== 429;
}

function assertValidIdempotencyKey(key: string): void {
  if (key.length === 0 || key.length > maxIdempotencyKeyLength) {
    throw new Error(`Idempotency key must be 1 to ${maxIdempotencyKeyLength} characters, got ${key.length}`);
  }
}

function deliveryError(error: ErrorResponse, apiKey: string): ResendDeliveryError {
  // The error body comes from the network and may not have Resend's shape (a proxy's error page, say).
  const statusCode = typeof error.statusCode === 'number' ? error.statusCode : null;
  const code = typeof error.name === 'string' ? error.name : 'unknown_error';
  const status = statusCode === null ? 'no HTTP status' : `HTTP ${statusCode}`;
  const detail = typeof error.message === 'string' ? error.message : JSON.stringify(error);
  // Messages end up in Temporal histories and logs: never let the key through, even if echoed back.
  const message = `Resend could not send the email (${status}, ${code}): ${detail}`.split(apiKey).join('[redacted]');
  return new ResendDeliveryError(message, statusCode, code);
}
