import { createOutboxTransport } from './outbox-transport.js';
import { createResendTransport } from './resend-transport.js';
import type { EmailTransport } from './transport.js';

export interface EmailTransportConfig {
  resendApiKey?: string;
  resendBaseUrl?: string;
}

/** Resend when an API key is configured, otherwise the outbox. An empty key counts as none (`RESEND_API_KEY=`). */
export function createEmailTransport(config: EmailTransportConfig): EmailTransport {
  if (!config.resendApiKey) return createOutboxTransport();
  return createResendTransport({ apiKey: config.resendApiKey, baseUrl: config.resendBaseUrl });
}
