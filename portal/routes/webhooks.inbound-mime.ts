// POST /webhooks/inbound-mime: raw RFC 822 messages from a mail server (see portal/api/inbound-mime-webhook.server.ts).
// Authenticated by the shared secret alone: no staff session, no CSRF token (it is not a browser form).
import { receiveInboundMime } from '../api/inbound-mime-webhook.server.js';
import { webhookAnswer } from '../api/inbound-webhook-parts.server.js';

export const action = receiveInboundMime;
export const loader = () => webhookAnswer(405, 'Post the raw message with POST.');
