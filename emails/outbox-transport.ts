import type { EmailTransport } from './transport.js';

/**
 * The transport used when no Resend key is configured. It deliberately does nothing: the caller has
 * already stored the rendered message as the email record, and that record IS the outbox the staff
 * pages show. Reporting `outbox` tells the caller to leave the record unsent rather than mark it sent.
 */
export function createOutboxTransport(): EmailTransport {
  return {
    name: 'outbox',
    deliver: async () => ({ status: 'outbox' }),
  };
}
