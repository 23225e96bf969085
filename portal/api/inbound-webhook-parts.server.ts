// What the two inbound-mail webhooks share: a bounded raw body, plain JSON answers for mail
// servers and Resend (never an HTML error page), and handing the parsed message to the service.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ParsedInboundMail } from '../../emails/inbound/parse-inbound-mail.js';
import type { ServiceContext } from '../../server/services/context.js';
import { InboundRetryLaterError, receiveInboundMail, type InboundChannel } from '../../server/services/inbound/inbound-mail.js';
import { BodyTooLargeError } from '../body-limits.server.js';

export function webhookAnswer(status: number, detail: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ status, detail, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** The body's bytes exactly as sent (signatures cover them; MIME may be 8-bit in any charset). */
export async function readRawBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Compares a presented secret with ours in constant time, whatever the lengths. */
export function secretsMatch(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stores and acts on the message; 200 also for a repeated delivery, 500 when the sender should retry. */
export async function receiveAndAnswer(
  ctx: ServiceContext,
  delivery: { channel: InboundChannel; mail: ParsedInboundMail; providerId: string | null; fallbackKey: string },
): Promise<Response> {
  try {
    const receipt = await receiveInboundMail(ctx, delivery);
    return webhookAnswer(200, receipt.duplicate ? 'Already received; nothing more was done.' : 'Received.', {
      inboundMessageId: receipt.inboundMessageId,
      outcome: receipt.outcome,
      duplicate: receipt.duplicate,
    });
  } catch (error) {
    if (!(error instanceof InboundRetryLaterError)) throw error;
    // Stored but not acted on (e.g. Temporal unreachable): the sender's retry will act.
    console.warn(`${error.message}: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`);
    return webhookAnswer(500, 'Stored, but it could not be acted on yet; deliver it again later.');
  }
}
