// POST /webhooks/stripe: the card gateway's events. The signature is checked on the raw body
// before anything is read or stored (a forged or stale one: 400, nothing stored); an event the
// gateway could not complete for us (it asks the gateway back) is 503 so it is sent again; every
// other event is acted on once per event id and answered 200 with what was done.
import type { ActionFunctionArgs } from '@remix-run/node';
import { handleGatewayEvent } from '../../server/services/card-payments/gateway-events.js';
import { isGatewayUnavailable, isWebhookSignatureError, type GatewayEvent } from '../../payments/gateway.js';
import { recordDispute, recordGatewayRefund, type GatewayReportOutcome } from '../../server/services/payments/gateway-refund-events.js';
import { isBodyTooLarge, STRIPE_EVENT_BYTES } from '../body-limits.server.js';
import { readRawBody, webhookAnswer } from './inbound-webhook-parts.server.js';

export async function receiveStripeWebhook({ request, context }: ActionFunctionArgs): Promise<Response> {
  if (request.method !== 'POST') return webhookAnswer(405, 'Stripe delivers webhooks with POST.');
  const { gateway } = context.services;
  if (!gateway) return webhookAnswer(503, 'No card gateway runs in this process; deliver the event again later.');
  let raw: Buffer;
  try {
    raw = await readRawBody(request, STRIPE_EVENT_BYTES);
  } catch (error) {
    if (isBodyTooLarge(error)) return webhookAnswer(413, `Webhook events may be at most ${STRIPE_EVENT_BYTES} bytes.`);
    throw error;
  }
  let event: GatewayEvent;
  try {
    event = await gateway.parseWebhook(raw, request.headers.get('stripe-signature') ?? '');
  } catch (error) {
    if (isWebhookSignatureError(error)) return webhookAnswer(400, 'The webhook signature is missing, wrong or too old; nothing was done.');
    if (isGatewayUnavailable(error)) return webhookAnswer(503, 'The card gateway did not answer a question about this event; deliver it again later.');
    throw error;
  }
  const { db } = context.services;
  const { timeZone } = context.settings;
  const outcome = await handleGatewayEvent({ db, gateway, timeZone }, event, {
    refund: async (refund) => describeReport(() => recordGatewayRefund(db, refund, { timeZone })),
    dispute: async (dispute) => describeReport(() => recordDispute(db, dispute, { timeZone })),
  });
  return webhookAnswer(200, 'Received.', { eventId: event.id, type: event.type, outcome });
}

/**
 * A refund or dispute we cannot book as reported (more than the payment holds, a payment we do not
 * know) is not retried by the gateway forever: it is answered 200 and its reason kept with the
 * event for staff.
 */
async function describeReport(report: () => Promise<GatewayReportOutcome>): Promise<string> {
  try {
    return (await report()).description;
  } catch (error) {
    if (error instanceof Error && error.name === 'GatewayReportRefusedError') return `refused, for staff: ${error.message}`;
    throw error;
  }
}
