// POST /webhooks/resend/inbound: Resend's `email.received` webhook. Its signature (Svix /
// Standard Webhooks: HMAC over id, timestamp and the raw body, at most five minutes old) is
// checked before anything is read or stored; then the message is fetched from Resend.
import type { ActionFunctionArgs } from '@remix-run/node';
import { Resend } from 'resend';
import { fetchReceivedEmail, ResendFetchError } from '../../server/services/inbound/resend-received-email.js';
import { isBodyTooLarge, RESEND_EVENT_BYTES } from '../body-limits.server.js';
import { readRawBody, receiveAndAnswer, webhookAnswer } from './inbound-webhook-parts.server.js';

export async function receiveResendWebhook({ request, context }: ActionFunctionArgs): Promise<Response> {
  if (request.method !== 'POST') return webhookAnswer(405, 'Resend delivers webhooks with POST.');
  const { resendWebhookSecret, resendApiKey, resendBaseUrl } = context.settings.inbound;
  if (!resendWebhookSecret) return webhookAnswer(503, 'The Resend inbound webhook is switched off: set RESEND_WEBHOOK_SECRET to enable it.');
  let payload: string;
  try {
    payload = (await readRawBody(request, RESEND_EVENT_BYTES)).toString('utf8');
  } catch (error) {
    if (isBodyTooLarge(error)) return webhookAnswer(413, `Webhook events may be at most ${RESEND_EVENT_BYTES} bytes.`);
    throw error;
  }
  const event = verifiedEvent(request.headers, payload, resendWebhookSecret);
  if (!event) return webhookAnswer(401, 'The webhook signature is missing, wrong or too old.');
  if (event.type !== 'email.received') return webhookAnswer(200, `Ignored: ${String(event.type)} is not an inbound email.`);
  const emailId = event.data?.email_id;
  if (typeof emailId !== 'string' || emailId === '') return webhookAnswer(400, 'The email.received event names no data.email_id.');
  if (!resendApiKey) return webhookAnswer(503, 'Fetching received email needs RESEND_API_KEY.');
  let mail;
  try {
    mail = await fetchReceivedEmail({ apiKey: resendApiKey, baseUrl: resendBaseUrl }, emailId);
  } catch (error) {
    if (!(error instanceof ResendFetchError)) throw error;
    console.warn(error.message);
    // Nothing stored: Resend delivers the webhook again, and then we fetch again.
    return webhookAnswer(502, 'The message could not be fetched from Resend yet; deliver the webhook again later.');
  }
  return receiveAndAnswer(context.services, { channel: 'resend', mail, providerId: emailId, fallbackKey: `resend:${emailId}` });
}

interface ReceivedEvent {
  type?: unknown;
  data?: { email_id?: unknown };
}

/** The event if its signature holds; the SDK's verify throws for a bad or stale one. */
function verifiedEvent(headers: Headers, payload: string, secret: string): ReceivedEvent | null {
  // Resend sends Svix's header names; the Standard Webhooks names are the same scheme.
  const header = (name: string) => headers.get(`svix-${name}`) ?? headers.get(`webhook-${name}`) ?? '';
  try {
    new Resend('re_unused_for_verification').webhooks.verify({
      payload,
      headers: { id: header('id'), timestamp: header('timestamp'), signature: header('signature') },
      webhookSecret: secret,
    });
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed && typeof parsed === 'object' ? (parsed as ReceivedEvent) : null;
  } catch {
    return null;
  }
}
