// POST /webhooks/inbound-mime: any mail server (a Postfix pipe, an MTA's HTTP hook) posts a
// received message as raw RFC 822 bytes, proving itself with the shared secret as a bearer token.
import type { ActionFunctionArgs } from '@remix-run/node';
import { MAX_INBOUND_MIME_BYTES, parseInboundMime, UnreadableMailError, type ParsedInboundMail } from '../../emails/inbound/parse-inbound-mail.js';
import { isBodyTooLarge } from '../body-limits.server.js';
import { readRawBody, receiveAndAnswer, secretsMatch, sha256Hex, webhookAnswer } from './inbound-webhook-parts.server.js';

const ACCEPTED_TYPES = ['message/rfc822', 'text/plain', 'application/octet-stream'];

export async function receiveInboundMime({ request, context }: ActionFunctionArgs): Promise<Response> {
  if (request.method !== 'POST') return webhookAnswer(405, 'Post the raw message with POST.');
  const secret = context.settings.inbound.mimeSecret;
  if (!secret) return webhookAnswer(503, 'Raw MIME delivery is switched off: set UPLINK_INBOUND_SECRET to enable it.');
  const presented = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim();
  if (!presented || !secretsMatch(presented, secret)) {
    return webhookAnswer(401, 'Send the inbound secret as "Authorization: Bearer <UPLINK_INBOUND_SECRET>".');
  }
  const type = (request.headers.get('content-type') ?? 'message/rfc822').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_TYPES.includes(type)) return webhookAnswer(415, `Content-Type must be message/rfc822 (or text/plain), not ${type}.`);
  let raw: Buffer;
  try {
    raw = await readRawBody(request, MAX_INBOUND_MIME_BYTES);
  } catch (error) {
    if (isBodyTooLarge(error)) return webhookAnswer(413, `Messages may be at most ${MAX_INBOUND_MIME_BYTES} bytes.`);
    throw error;
  }
  if (raw.length === 0) return webhookAnswer(400, 'The body is empty; post the raw message.');
  let mail: ParsedInboundMail;
  try {
    mail = await parseInboundMime(raw);
  } catch (error) {
    if (!(error instanceof UnreadableMailError)) throw error;
    // A 4xx, not a 5xx: the mail server returns the message to its sender instead of retrying for days.
    console.warn(`Inbound MIME refused: ${error.message}`);
    return webhookAnswer(422, `Refused for good: ${error.message}.`);
  }
  return receiveAndAnswer(context.services, { channel: 'mime', mail, providerId: null, fallbackKey: `mime:sha256:${sha256Hex(raw)}` });
}
