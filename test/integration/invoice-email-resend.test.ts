// The invoice email activity through the real Resend SDK, against a local stand-in for Resend's
// API: a retried send carries the same idempotency key and leaves one recorded message; a
// permanent refusal is recorded for staff instead of being retried forever.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { createResendTransport } from '../../emails/resend-transport.js';
import { emailsOf } from '../support/billing-records.js';
import { startFakeResendApi, type FakeResendApi } from '../support/fake-resend-api.js';
import { fullMonth, insertSubscribedCustomer } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REPLY_ADDRESSES } from '../support/test-activity-deps.js';

const apiKey = 're_test_integration_key_42';
let database: TestDatabase;
let api: FakeResendApi;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

beforeEach(async () => {
  vi.stubEnv('RESEND_DEBUG', '');
  api = await startFakeResendApi();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

async function issuedInvoice(email: string) {
  const { db } = database.handle;
  const activities = createActivities({
    db,
    email: createResendTransport({ apiKey, baseUrl: api.baseUrl }),
    emailFrom: 'Riverside Fibre <billing@riverside.example>',
    staffAlertEmail: 'noc@riverside.example',
    companyName: 'Riverside Fibre',
    portalUrl: 'https://portal.riverside.example',
    replyAddresses: TEST_REPLY_ADDRESSES,
    timeZone: 'UTC',
  });
  const { customer, plan, subscription } = await insertSubscribedCustomer(db, { email });
  const { invoice } = await activities.issueRecurringInvoice({
    customerId: customer.id,
    subscriptionId: subscription.id,
    planId: plan.id,
    period: fullMonth('2026-03-01', '2026-04-01'),
  });
  return { activities, customer, invoice };
}

describe('emailInvoice through Resend', () => {
  it('retries a failed send under the same idempotency key and records one sent message', async () => {
    const { activities, customer, invoice } = await issuedInvoice('retry@example.net');
    api.replies.push({ status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'try later' } });

    await expect(activities.emailInvoice(invoice.invoiceId)).rejects.toThrow(/HTTP 500/);
    const sent = await activities.emailInvoice(invoice.invoiceId);
    const again = await activities.emailInvoice(invoice.invoiceId);

    expect(sent.status).toBe('sent');
    expect(again).toEqual(sent);
    expect(api.received).toHaveLength(2);
    const keys = api.received.map((request) => request.headers['idempotency-key']);
    expect(keys).toEqual([`invoice-issued/${invoice.invoiceId}`, `invoice-issued/${invoice.invoiceId}`]);
    expect(api.received[1]?.body).toMatchObject({
      from: 'Riverside Fibre <billing@riverside.example>',
      to: 'retry@example.net',
      subject: `Invoice ${invoice.number} from Riverside Fibre`,
    });
    const emails = await emailsOf(database.handle.db, customer.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ status: 'sent', providerMessageId: 'email_2', transport: 'resend' });
  });

  it('records a permanently refused message as failed, with the reason and without the API key', async () => {
    const { activities, customer, invoice } = await issuedInvoice('refused@example.net');
    api.replies.push({ status: 422, body: { statusCode: 422, name: 'validation_error', message: `Invalid to field (key ${apiKey})` } });

    const result = await activities.emailInvoice(invoice.invoiceId);
    const retried = await activities.emailInvoice(invoice.invoiceId);

    expect(result.status).toBe('failed');
    expect(retried).toEqual(result);
    expect(api.received).toHaveLength(1);
    const [email] = await emailsOf(database.handle.db, customer.id);
    expect(email?.failureReason).toContain('validation_error');
    expect(email?.failureReason).not.toContain(apiKey);
  });
});
