import { describe, expect, it } from 'vitest';
import { createEmailTransport } from './create-transport.js';

describe('createEmailTransport', () => {
  it('uses Resend when an API key is set', () => {
    expect(createEmailTransport({ resendApiKey: 're_123', resendBaseUrl: 'http://127.0.0.1:1' }).name).toBe('resend');
  });

  it('falls back to the outbox when the key is missing or empty', () => {
    expect(createEmailTransport({}).name).toBe('outbox');
    expect(createEmailTransport({ resendApiKey: '' }).name).toBe('outbox');
  });

  it('the outbox reports the message as kept, not sent', async () => {
    const message = { from: 'a@example.com', to: 'b@example.com', subject: 's', html: '<p>h</p>', text: 't' };
    await expect(createEmailTransport({}).deliver(message, 'email/invoice/1')).resolves.toEqual({ status: 'outbox' });
  });
});
