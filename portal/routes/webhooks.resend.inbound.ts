// POST /webhooks/resend/inbound: Resend's email.received webhook (see portal/api/inbound-resend-webhook.server.ts).
// Authenticated by its signature alone: no staff session, no CSRF token (it is not a browser form).
import { receiveResendWebhook } from '../api/inbound-resend-webhook.server.js';
import { webhookAnswer } from '../api/inbound-webhook-parts.server.js';

export const action = receiveResendWebhook;
export const loader = () => webhookAnswer(405, 'Resend delivers webhooks with POST.');
