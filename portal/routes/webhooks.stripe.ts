// POST /webhooks/stripe: the card gateway's events (see portal/api/stripe-webhook.server.ts).
// Authenticated by its signature alone: no session, no CSRF token (it is not a browser form).
import { receiveStripeWebhook } from '../api/stripe-webhook.server.js';
import { webhookAnswer } from '../api/inbound-webhook-parts.server.js';

export const action = receiveStripeWebhook;
export const loader = () => webhookAnswer(405, 'Stripe delivers webhooks with POST.');
