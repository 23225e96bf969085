// A reply accepting a quote that has expired, on the time-skipping Temporal server with the real
// quote workflow: refused with the quote's own reason, stored, and the customer answered once.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { emailMessages, inboundMessages, invoices } from '../../db/schema.js';
import { parseInboundMime } from '../../emails/inbound/parse-inbound-mail.js';
import { quoteReplyAddress } from '../../emails/reply-address.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { receiveInboundMail } from '../../server/services/inbound/inbound-mail.js';
import { createItem } from '../../server/services/catalog/items.js';
import { createQuote, getQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { quoteWorkflowId } from '../../workflows/quote-messages.js';
import { eventually } from '../support/eventually.js';
import { TEST_REPLY_ADDRESSES } from '../support/test-activity-deps.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';
import { sampleAs, TEST_SENDER_AUTHENTICATION } from './inbound-samples.js';

let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await createWorkflowHarness();
  // As UPLINK_INBOUND_AUTHSERV_ID=mx.uplink.test; the sample carries that server's passing header.
  harness.ctx.inboundSenderAuthentication = TEST_SENDER_AUTHENTICATION;
});

afterAll(async () => {
  await harness?.dispose();
});

it('an accept reply to an expired quote is refused with the reason, and the customer is answered with a link to the quote', async () => {
  const ctx = harness.ctx;
  const worker = await harness.worker();
  await worker.runUntil(async () => {
    const item = await createItem(ctx, { name: 'Router', kind: 'part', unitPrice: 12999, currency: 'EUR', taxRate: '19' });
    const { customer } = await createCustomer(ctx, { name: 'Anna Customer', email: 'anna@example.org', currency: 'EUR' });
    const validUntil = addDays(isoDateFromEpochMs(await harness.env.currentTimeMs()), 1);
    const quote = await createQuote(ctx, { customerId: customer.id, lines: [{ itemId: item.id, quantity: '1' }], validUntil });
    await sendQuote(ctx, quote.id);
    await harness.env.sleep('3 days');
    await eventually(async () => expect((await ctx.temporal.workflow.getHandle(quoteWorkflowId(quote.id)).describe()).status.name).toBe('COMPLETED'));
    expect((await getQuote(ctx, quote.id)).status).toBe('expired');

    const raw = sampleAs('outlook-multipart.eml', { to: quoteReplyAddress(quote.id, TEST_REPLY_ADDRESSES), from: customer.email, messageId: 'expired-1@example.org' })
      // The Outlook sample declines; this customer accepts.
      .replace(/^No, thank you\..*$/m, 'Yes, we accept.');
    const delivery = { channel: 'mime' as const, mail: await parseInboundMime(raw), providerId: null, fallbackKey: 'expired-1' };
    expect(await receiveInboundMail(ctx, delivery)).toMatchObject({ outcome: 'refused', duplicate: false });
    expect(await receiveInboundMail(ctx, delivery)).toMatchObject({ outcome: 'refused', duplicate: true });

    const [stored] = await ctx.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, '<expired-1@example.org>'));
    expect(stored).toMatchObject({
      intent: 'accept',
      outcome: 'refused',
      outcomeReason: `Quote ${quote.number} expired on ${validUntil}; it can no longer be accepted.`,
      quoteId: quote.id,
      customerId: customer.id,
    });
    const answers = await ctx.db.select().from(emailMessages).where(and(eq(emailMessages.kind, 'inbound-answer'), eq(emailMessages.entityId, stored!.id)));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ recipient: customer.email, customerId: customer.id });
    expect(answers[0]!.text).toContain(`We could not act on it: quote ${quote.number} expired on ${validUntil}; it can no longer be accepted.`);
    expect(answers[0]!.text).toContain(`/account/quotes/${quote.id}`);
    expect(await ctx.db.select().from(invoices).where(eq(invoices.customerId, customer.id))).toHaveLength(0);
  });
});
