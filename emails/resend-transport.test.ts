import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeResendApi, urlOfClosedPort, type FakeResendApi } from '../test/support/fake-resend-api.js';
import { createResendTransport, ResendDeliveryError } from './resend-transport.js';
import { PermanentDeliveryError, type OutgoingEmail } from './transport.js';

const apiKey = 're_test_9f8e7d6c5b4a3210';

let api: FakeResendApi;
let baseUrl: string;
let received: FakeResendApi['received'];

beforeEach(async () => {
  // With RESEND_DEBUG=true the SDK console.errors every failure, which fails tests here by design.
  vi.stubEnv('RESEND_DEBUG', '');
  api = await startFakeResendApi();
  baseUrl = api.baseUrl;
  received = api.received;
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

const message: OutgoingEmail = {
  from: 'Riverside Fibre <billing@riverside.example>',
  to: 'ana@example.com',
  replyTo: 'reply+abc@in.riverside.example',
  subject: 'Invoice INV-2026-000001 from Riverside Fibre',
  html: '<p>Invoice</p>',
  text: 'Invoice',
};

describe('Resend transport', () => {
  it('POSTs the message to /emails with the bearer key and the idempotency key', async () => {
    const transport = createResendTransport({ apiKey, baseUrl });

    const result = await transport.deliver(message, 'email/invoice/inv_42');

    expect(result).toEqual({ status: 'sent', providerMessageId: 'email_1' });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/emails');
    expect(request?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(request?.headers['idempotency-key']).toBe('email/invoice/inv_42');
    expect(request?.body).toEqual({
      from: message.from,
      to: message.to,
      reply_to: message.replyTo,
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
  });

  it('accepts a base URL with a trailing slash', async () => {
    await createResendTransport({ apiKey, baseUrl: `${baseUrl}/` }).deliver(message, 'k');
    expect(received[0]?.url).toBe('/emails');
  });

  it('throws a permanent failure on a 4xx refusal with Resend\'s name, message and status, never the key', async () => {
    api.replies.push({ status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' } });
    const delivery = createResendTransport({ apiKey, baseUrl }).deliver(message, 'k');

    const error = await delivery.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).cause).toMatchObject({ statusCode: 422, code: 'validation_error' });
    expect((error as Error).message).toBe('Resend could not send the email (HTTP 422, validation_error): Invalid `to` field.');
    expect((error as Error).message).not.toContain(apiKey);
  });

  it('throws a retryable failure when rate limited', async () => {
    api.replies.push({ status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests.' } });
    const error = await createResendTransport({ apiKey, baseUrl }).deliver(message, 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResendDeliveryError);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ statusCode: 429, code: 'rate_limit_exceeded' });
  });

  it('redacts the key if the server echoes it back in a 500', async () => {
    api.replies.push({ status: 500, body: { statusCode: 500, name: 'internal_server_error', message: `boom for key ${apiKey}` } });
    const error = await createResendTransport({ apiKey, baseUrl }).deliver(message, 'k').catch((e: unknown) => e);
    expect((error as Error).message).toBe('Resend could not send the email (HTTP 500, internal_server_error): boom for key [redacted]');
  });

  it('throws when nothing listens at the base URL', async () => {
    const delivery = createResendTransport({ apiKey, baseUrl: await urlOfClosedPort() }).deliver(message, 'k');

    await expect(delivery).rejects.toThrow(/Resend could not send the email \(no HTTP status, application_error\)/);
    await expect(delivery).rejects.not.toThrow(apiKey);
  });

  it('refuses an empty or over-long idempotency key before calling Resend', async () => {
    const transport = createResendTransport({ apiKey, baseUrl });
    await expect(transport.deliver(message, '')).rejects.toThrow('Idempotency key must be 1 to 256 characters, got 0');
    await expect(transport.deliver(message, 'x'.repeat(257))).rejects.toThrow('got 257');
    expect(received).toHaveLength(0);
    await expect(transport.deliver(message, 'x'.repeat(256))).resolves.toMatchObject({ status: 'sent' });
  });

  it('refuses an empty API key instead of falling back to RESEND_API_KEY', () => {
    expect(() => createResendTransport({ apiKey: '', baseUrl })).toThrow('non-empty apiKey');
  });
});
