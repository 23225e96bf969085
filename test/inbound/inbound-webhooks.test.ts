// Replies to quote emails through the built portal, as Resend and mail servers deliver them: the
// two webhooks' authentication, and what a reply does to a real quote on a real Temporal server
// (acts only for the quote's customer on its signed reply address, when our receiving mail
// server vouches for the sender, once, and answers customers it did not act for, never strangers).
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages, inboundMessages, invoices } from '../../db/schema.js';
import { quoteReplyAddress } from '../../emails/reply-address.js';
import { startPortalServer } from '../../server/portal/http-server.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createItem, type Item } from '../../server/services/catalog/items.js';
import { decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { createQuote, getQuote, sendQuote } from '../../server/services/quotes/quotes.js';
import { eventually } from '../support/eventually.js';
import { signResendWebhook, startFakeResendApi, type FakeResendApi } from '../support/fake-resend-api.js';
import { createPortalHarness, TEST_INBOUND_SETTINGS, TEST_SESSION_SECRET, type PortalHarness } from '../support/portal-harness.js';
import { TEST_REPLY_ADDRESSES } from '../support/test-activity-deps.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { passingAuthenticationResults, sampleAs, TEST_SENDER_AUTHENTICATION } from './inbound-samples.js';

let harness: PortalHarness;
let resend: FakeResendApi;
let visit: Item;
let customersCreated = 0;

beforeAll(async () => {
  resend = await startFakeResendApi();
  harness = await createPortalHarness({
    inbound: { ...TEST_INBOUND_SETTINGS, resendApiKey: 're_test_inbound', resendBaseUrl: resend.baseUrl },
  });
  // As UPLINK_INBOUND_AUTHSERV_ID=mx.uplink.test; the samples carry that server's header.
  harness.stack.ctx.inboundSenderAuthentication = TEST_SENDER_AUTHENTICATION;
  visit = await createItem(harness.stack.ctx, { name: 'Technician visit', kind: 'service', unitPrice: 8000, currency: 'EUR', taxRate: '21' });
});

afterAll(async () => {
  await harness?.dispose();
  await resend?.close();
});

const ctx = () => harness.stack.ctx;

async function sentQuote() {
  const n = customersCreated++;
  const { customer } = await createCustomer(ctx(), { name: `Anna Customer ${n}`, email: `Anna.Customer+${n}@Example.org`, currency: 'EUR' });
  const quote = await createQuote(ctx(), { customerId: customer.id, lines: [{ itemId: visit.id, quantity: '2' }], validDays: 14 });
  await sendQuote(ctx(), quote.id);
  // Reply to the address the quote email really carried, as the customer's mail client would.
  const quoteEmail = await eventually(
    async () => {
      const [email] = await ctx().db.select().from(emailMessages).where(and(eq(emailMessages.kind, 'quote-sent'), eq(emailMessages.entityId, quote.id)));
      expect(email?.replyTo).toBeTruthy();
      return email!;
    },
    { what: 'the quote email' },
  );
  expect(quoteEmail.replyTo).toBe(quoteReplyAddress(quote.id, TEST_REPLY_ADDRESSES));
  await eventually(async () => expect((await getQuote(ctx(), quote.id)).sentAt).not.toBeNull(), { what: 'the quote to be sent' });
  return { customer, quote, replyAddress: quoteEmail.replyTo! };
}

function postMime(raw: string | Buffer, options: { secret?: string | null; url?: string } = {}) {
  const secret = options.secret === undefined ? TEST_INBOUND_SETTINGS.mimeSecret : options.secret;
  return fetch(`${options.url ?? harness.url}/webhooks/inbound-mime`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822', ...(secret ? { Authorization: `Bearer ${secret}` } : {}) },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
}

function postResendEvent(emailId: string, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify({
    type: 'email.received',
    created_at: new Date().toISOString(),
    data: { email_id: emailId, created_at: new Date().toISOString(), from: 'x', to: ['y'], subject: 'z', message_id: '<m>', attachments: [] },
  });
  const headers = signResendWebhook(payload, options.secret ?? TEST_INBOUND_SETTINGS.resendWebhookSecret!, { timestamp: options.timestamp });
  return fetch(`${harness.url}/webhooks/resend/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: payload });
}

async function storedMessage(messageId: string) {
  const rows = await ctx().db.select().from(inboundMessages).where(eq(inboundMessages.messageId, `<${messageId}>`));
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

async function answersTo(inboundMessageId: string) {
  return ctx().db.select().from(emailMessages).where(and(eq(emailMessages.kind, 'inbound-answer'), eq(emailMessages.entityId, inboundMessageId)));
}

const newMessageId = () => `${randomUUID()}@mail.example.org`;

describe('replies by raw MIME', () => {
  it('an accept reply accepts the sent quote; the same message delivered again acts no more', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const messageId = newMessageId();
    // The sender writes their address in another case than the customer record: still the customer.
    const raw = sampleAs('gmail-multipart.eml', { to: replyAddress, from: customer.email.toLowerCase(), messageId });

    const first = await postMime(raw);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'accepted', duplicate: false });
    const accepted = await getQuote(ctx(), quote.id);
    expect(accepted).toMatchObject({ status: 'accepted', decidedVia: 'email' });
    expect(accepted.invoice?.number).toMatch(/^INV-/);

    const again = await postMime(raw);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'accepted', duplicate: true });
    expect(await ctx().db.select().from(invoices).where(eq(invoices.customerId, customer.id))).toHaveLength(1);

    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({
      channel: 'mime',
      intent: 'accept',
      outcome: 'accepted',
      outcomeReason: null,
      quoteId: quote.id,
      customerId: customer.id,
      replyText: 'I accept the quote. Thanks!',
      subject: 'Re: Quote Q-2026-000001 from Test ISP',
    });
    expect(stored!.bodyText).toContain('> Total: 480.00 EUR');
    expect(await answersTo(stored!.id)).toHaveLength(0);
  });

  it('a French decline declines the quote', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const response = await postMime(sampleAs('french.eml', { to: replyAddress, from: customer.email, messageId: newMessageId() }));
    expect(await response.json()).toMatchObject({ outcome: 'declined' });
    expect((await getQuote(ctx(), quote.id)).status).toBe('declined');
  });

  it('an automatic reply (out of office, Auto-Submitted, X-Autoreply, Precedence) is stored and kept for staff, never acted on and never answered', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const outOfOffice = newMessageId();
    const response = await postMime(sampleAs('out-of-office.eml', { to: replyAddress, from: customer.email, messageId: outOfOffice }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'kept', duplicate: false });
    const stored = await storedMessage(outOfOffice);
    expect(stored).toMatchObject({ outcome: 'kept', quoteId: quote.id, customerId: customer.id, subject: 'Automatic reply: Quote Q-2026-000001 from Test ISP' });
    expect(stored!.outcomeReason).toContain('an automatic reply (Auto-Submitted: auto-replied)');
    expect(await answersTo(stored!.id)).toHaveLength(0);

    // The customer's plain "Yes, go ahead." would accept; marked as automatic in any of these ways it must not.
    const markers: [string, (raw: string) => string][] = [
      ['Auto-Submitted: auto-generated', (raw) => raw.replace(/^MIME-Version:/m, 'Auto-Submitted: auto-generated\nMIME-Version:')],
      ['X-Autoreply: yes', (raw) => raw.replace(/^MIME-Version:/m, 'X-Autoreply: yes\nMIME-Version:')],
      ['X-Autorespond: vacation', (raw) => raw.replace(/^MIME-Version:/m, 'X-Autorespond: vacation\nMIME-Version:')],
      ['Precedence: bulk', (raw) => raw.replace(/^MIME-Version:/m, 'Precedence: bulk\nMIME-Version:')],
      ['Precedence: auto_reply', (raw) => raw.replace(/^MIME-Version:/m, 'Precedence: auto_reply\nMIME-Version:')],
      ['Subject: Out of Office: Re: Quote', (raw) => raw.replace(/^Subject:.*$/m, 'Subject: Out of Office: Re: Quote')],
      ['Subject: Abwesenheitsnotiz: AW: Angebot', (raw) => raw.replace(/^Subject:.*$/m, 'Subject: Abwesenheitsnotiz: AW: Angebot')],
    ];
    for (const [marker, mark] of markers) {
      const messageId = newMessageId();
      const answer = await postMime(mark(sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId })));
      expect(await answer.json(), marker).toMatchObject({ outcome: 'kept' });
      const row = await storedMessage(messageId);
      expect(row!.outcomeReason, marker).toContain(`an automatic reply (${marker})`);
      expect(await answersTo(row!.id), marker).toHaveLength(0);
    }
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');

    // "Auto-Submitted: no" is what a person's message may say: that one acts.
    const person = await postMime(
      sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId: newMessageId() }).replace(/^MIME-Version:/m, 'Auto-Submitted: no\nMIME-Version:'),
    );
    expect(await person.json()).toMatchObject({ outcome: 'accepted' });
  });

  it("a message from another address carrying a real reply's Message-ID does not suppress the real reply; the real one twice acts once", async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const messageId = newMessageId();
    const forged = await postMime(sampleAs('plain-text.eml', { to: replyAddress, from: 'someone.else@elsewhere.test', messageId }));
    expect(await forged.json()).toMatchObject({ outcome: 'refused', duplicate: false });

    const real = sampleAs('apple-mail.eml', { to: replyAddress, from: customer.email, messageId });
    const first = await postMime(real);
    expect(await first.json()).toMatchObject({ outcome: 'accepted', duplicate: false });
    const again = await postMime(real);
    expect(await again.json()).toMatchObject({ outcome: 'accepted', duplicate: true });
    expect((await getQuote(ctx(), quote.id)).status).toBe('accepted');

    const rows = await ctx().db.select().from(inboundMessages).where(eq(inboundMessages.messageId, `<${messageId}>`));
    expect(rows.map((row) => [row.fromAddress, row.outcome]).sort()).toEqual([
      [customer.email, 'accepted'],
      ['someone.else@elsewhere.test', 'refused'],
    ].sort());
  });

  it('refuses without the shared secret, with a wrong one, as another content type or method, and stores nothing', async () => {
    const { customer, replyAddress } = await sentQuote();
    const messageId = newMessageId();
    const raw = sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId });
    expect((await postMime(raw, { secret: null })).status).toBe(401);
    expect((await postMime(raw, { secret: 'not-the-inbound-secret-but-long-enough-anyway' })).status).toBe(401);
    const asJson = await fetch(`${harness.url}/webhooks/inbound-mime`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_INBOUND_SETTINGS.mimeSecret}` },
      body: raw,
    });
    expect(asJson.status).toBe(415);
    expect((await fetch(`${harness.url}/webhooks/inbound-mime`)).status).toBe(405);
    expect(await storedMessage(messageId)).toBeUndefined();
  });

  it('refuses a message over 10 MiB with 413', async () => {
    const response = await postMime(Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
    expect(response.status).toBe(413);
  });

  it('refuses for good, with 422 and the reason, a message the parser cannot read (a 1 MB header line), storing nothing', async () => {
    const messageId = newMessageId();
    const raw = `From: someone@elsewhere.test\r\nTo: billing@uplink.test\r\nMessage-ID: <${messageId}>\r\nSubject: ${'x'.repeat(1024 * 1024)}\r\n\r\nyes\r\n`;
    const response = await postMime(raw);
    // A 5xx would have the mail server deliver it again for days; it will never read differently.
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ status: 422, detail: expect.stringContaining('header') });
    expect(await storedMessage(messageId)).toBeUndefined();
  });

  it('answers 503 when no inbound secret is configured', async () => {
    const portal = await startPortalServer({
      services: ctx(),
      settings: { ...harness.settings, inbound: { ...harness.settings.inbound, mimeSecret: undefined, resendWebhookSecret: undefined } },
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
    });
    try {
      expect((await postMime('From: a@b.c\r\n\r\nyes\r\n', { url: portal.url })).status).toBe(503);
      expect((await fetch(`${portal.url}/webhooks/resend/inbound`, { method: 'POST', body: '{}' })).status).toBe(503);
    } finally {
      await portal.close();
    }
  });
});

describe('replies that are not acted on', () => {
  it('a forged reply address is refused and stored with the reason; the customer is answered with a link to the portal', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const [local, domain] = replyAddress.split('@') as [string, string];
    const forged = `${local.slice(0, -1)}${local.endsWith('a') ? 'b' : 'a'}@${domain}`;
    const messageId = newMessageId();
    const response = await postMime(sampleAs('plain-text.eml', { to: forged, from: customer.email, messageId }));
    expect(await response.json()).toMatchObject({ outcome: 'refused' });

    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ outcome: 'refused', intent: 'accept', quoteId: null, customerId: customer.id });
    expect(stored!.outcomeReason).toContain('invalid signature');
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
    const [answer, ...more] = await answersTo(stored!.id);
    expect(more).toHaveLength(0);
    expect(answer).toMatchObject({ recipient: customer.email, customerId: customer.id, subject: 'Re: Quote Q-2026-000001 from Test ISP' });
    expect(answer!.text).toContain('it was not sent to the reply address of one of your quotes');
    expect(answer!.text).toContain('http://127.0.0.1:3000/account');
  });

  it('a valid reply token at another domain than our inbound domain is refused; the quote stays open', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const elsewhere = `${replyAddress.split('@')[0]}@another-domain.example`;
    const messageId = newMessageId();
    const response = await postMime(sampleAs('plain-text.eml', { to: elsewhere, from: customer.email, messageId }));
    expect(await response.json()).toMatchObject({ outcome: 'refused' });

    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ outcome: 'refused', intent: 'accept', quoteId: null, customerId: customer.id });
    expect(stored!.outcomeReason).toContain('another-domain.example');
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
    expect(await ctx().db.select().from(invoices).where(eq(invoices.customerId, customer.id))).toHaveLength(0);
  });

  it("a customer replying to another customer's quote address is refused; that quote stays open and its number is not revealed", async () => {
    const other = await sentQuote();
    const { customer } = await sentQuote();
    const messageId = newMessageId();
    await postMime(sampleAs('plain-text.eml', { to: other.replyAddress, from: customer.email, messageId }));

    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ outcome: 'refused', quoteId: other.quote.id, customerId: customer.id });
    expect(stored!.outcomeReason).toContain(`is not the address of quote ${other.quote.number}'s customer`);
    expect((await getQuote(ctx(), other.quote.id)).status).toBe('sent');
    const [answer] = await answersTo(stored!.id);
    expect(answer!.recipient).toBe(customer.email);
    expect(answer!.text).toContain('http://127.0.0.1:3000/account\n');
    expect(answer!.text).not.toContain(other.quote.id);
  });

  it('a stranger writing to a valid reply address is refused and never answered', async () => {
    const { quote, replyAddress } = await sentQuote();
    const messageId = newMessageId();
    await postMime(sampleAs('plain-text.eml', { to: replyAddress, from: 'someone.else@elsewhere.test', messageId }));

    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ outcome: 'refused', quoteId: quote.id, customerId: null, fromAddress: 'someone.else@elsewhere.test' });
    expect(stored!.outcomeReason).toContain('someone.else@elsewhere.test is not the address');
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
    expect(await answersTo(stored!.id)).toHaveLength(0);
  });

  it('a reply to a declined quote is refused with the reason, the customer answered once however often it arrives', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    await decideQuote(ctx(), { quoteId: quote.id, decision: 'decline', via: 'portal', customerId: customer.id });
    const messageId = newMessageId();
    const raw = sampleAs('apple-mail.eml', { to: replyAddress, from: customer.email, messageId });
    await postMime(raw);
    await postMime(raw);

    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ outcome: 'refused', intent: 'accept', quoteId: quote.id, customerId: customer.id });
    expect(stored!.outcomeReason).toMatch(new RegExp(`^Quote ${quote.number} was declined on \\d{4}-\\d{2}-\\d{2}; it can no longer be accepted\\.$`));
    const answers = await answersTo(stored!.id);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain(`We could not act on it: quote ${quote.number} was declined`);
    expect(answers[0]!.text).toContain(`http://127.0.0.1:3000/account/quotes/${quote.id}`);
    expect(await ctx().db.select().from(invoices).where(eq(invoices.customerId, customer.id))).toHaveLength(0);
  });

  it('a mail without a reply address from a customer is refused and answered; without any sender it is only stored', async () => {
    const { customer } = await sentQuote();
    const messageId = newMessageId();
    await postMime(sampleAs('plain-text.eml', { to: 'billing@uplink.test', from: customer.email, messageId }).replace(/^Delivered-To:.*\n/m, ''));
    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ outcome: 'refused', customerId: customer.id });
    expect(stored!.outcomeReason).toContain('not sent to a reply address');
    expect(await answersTo(stored!.id)).toHaveLength(1);

    const anonymous = await postMime('Subject: hello\r\n\r\nyes\r\n');
    expect(anonymous.status).toBe(200);
    const { inboundMessageId } = (await anonymous.json()) as { inboundMessageId: string };
    const [row] = await ctx().db.select().from(inboundMessages).where(eq(inboundMessages.id, inboundMessageId));
    expect(row).toMatchObject({ outcome: 'refused', fromAddress: '', customerId: null });
    expect(row!.dedupeKey).toMatch(/^mime:sha256:/);
    expect(await answersTo(inboundMessageId)).toHaveLength(0);
  });

  it('answers one customer at most five times a day, however many forged messages carry their address', async () => {
    const { customer } = await sentQuote();
    const ids: string[] = [];
    for (let n = 0; n < 6; n += 1) {
      const response = await postMime(sampleAs('plain-text.eml', { to: 'billing@uplink.test', from: customer.email, messageId: newMessageId() }));
      ids.push(((await response.json()) as { inboundMessageId: string }).inboundMessageId);
    }
    const answers = await ctx().db.select().from(emailMessages).where(and(eq(emailMessages.kind, 'inbound-answer'), eq(emailMessages.customerId, customer.id)));
    expect(answers.map((answer) => answer.entityId).sort()).toEqual(ids.slice(0, 5).sort());
    const [sixth] = await ctx().db.select().from(inboundMessages).where(eq(inboundMessages.id, ids[5]!));
    expect(sixth).toMatchObject({ outcome: 'refused', customerId: customer.id });
  });

  it('stores a message whose Message-ID is too long to index, or whose text holds NUL characters, and still recognises it again', async () => {
    const longId = `${'x'.repeat(3000)}@mail.example.org`;
    const raw = `From: someone@elsewhere.test\r\nTo: billing@uplink.test\r\nMessage-ID: <${longId}>\r\nSubject: odd\u0000one\r\n\r\nyes\u0000\r\n`;
    const first = (await (await postMime(raw)).json()) as { inboundMessageId: string; duplicate: boolean };
    const second = (await (await postMime(raw)).json()) as { inboundMessageId: string; duplicate: boolean };
    expect(second).toMatchObject({ inboundMessageId: first.inboundMessageId, duplicate: true });
    const [row] = await ctx().db.select().from(inboundMessages).where(eq(inboundMessages.id, first.inboundMessageId));
    expect(row).toMatchObject({ messageId: `<${longId}>`, subject: 'oddone', replyText: 'yes', intent: 'accept' });
    expect(row!.dedupeKey).toMatch(/^message-id-sha256:[0-9a-f]{64} from-sha256:[0-9a-f]{64}$/);
  });

  it('when the quote cannot be decided right now (Temporal unreachable) the message stays pending with 500, and the retry acts', async () => {
    const { quote, customer, replyAddress } = await sentQuote();
    const [deadPort] = await freePort();
    const connection = Connection.lazy({
      address: `127.0.0.1:${deadPort}`,
      connectTimeout: 1_000,
      // One attempt: the point is a failed call, not how long the SDK keeps retrying it.
      interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 1 }))],
    });
    const temporal = new Client({ connection });
    const portal = await startPortalServer({
      services: { ...ctx(), temporal },
      settings: harness.settings,
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
    });
    const messageId = newMessageId();
    const raw = sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId });
    try {
      const failed = await postMime(raw, { url: portal.url });
      expect(failed.status).toBe(500);
      expect(await storedMessage(messageId)).toMatchObject({ outcome: 'pending', processedAt: null });
      expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
    } finally {
      await portal.close();
      await temporal.connection.close();
    }
    const retried = await postMime(raw);
    expect(await retried.json()).toMatchObject({ outcome: 'accepted', duplicate: false });
    expect((await getQuote(ctx(), quote.id)).status).toBe('accepted');
  });
});

describe('sender authentication', () => {
  async function keptUnauthenticated(raw: string, messageId: string, quote: { id: string; number: string }, customer: { email: string }) {
    const response = await postMime(raw);
    expect(await response.json()).toMatchObject({ outcome: 'kept', duplicate: false });
    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ intent: 'accept', outcome: 'kept', quoteId: quote.id });
    expect(stored!.outcomeReason).toMatch(/^the sender could not be authenticated: .+; the accept was not acted on and is kept for staff$/);
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
    const [answer, ...more] = await answersTo(stored!.id);
    expect(more).toHaveLength(0);
    expect(answer).toMatchObject({ recipient: customer.email });
    expect(answer!.text).toContain(`We could not act on it: we could not confirm that it was sent from your mailbox, so quote ${quote.number} was not accepted.`);
    return stored!;
  }

  it('an accept without our receiving server\'s Authentication-Results is kept for staff, who see why; the quote stays open', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const messageId = newMessageId();
    const stored = await keptUnauthenticated(sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId, authenticated: false }), messageId, quote, customer);
    expect(stored.outcomeReason).toContain('the message has no Authentication-Results header from mx.uplink.test');

    const staff = new StaffBrowser(harness.url);
    await staff.signIn(await harness.newStaff());
    const page = await (await staff.get(`/staff/inbound/${stored.id}`)).text();
    expect(page).toMatch(/Reason: (<!-- -->)?the sender could not be authenticated: the message has no Authentication-Results header from mx\.uplink\.test/);
    expect(await (await staff.get('/staff/inbound?status=kept')).text()).toContain('the sender could not be authenticated');
  });

  it('a passing header written by another server (the sender can write one) is ignored', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const messageId = newMessageId();
    const raw = passingAuthenticationResults(customer.email, 'mx.forger.example') + sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId, authenticated: false });
    const stored = await keptUnauthenticated(raw, messageId, quote, customer);
    expect(stored.outcomeReason).toContain('no Authentication-Results header from mx.uplink.test');
  });

  it('DMARC failing, or DKIM passing only for the mailing service\'s domain, at our server: kept', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const failed = newMessageId();
    const dmarcFail = `Authentication-Results: mx.uplink.test; dkim=none; spf=softfail smtp.mailfrom=bounce.elsewhere.test; dmarc=fail (p=none dis=none) header.from=example.org\n`;
    const stored = await keptUnauthenticated(dmarcFail + sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId: failed, authenticated: false }), failed, quote, customer);
    expect(stored.outcomeReason).toContain('mx.uplink.test reported dmarc=fail for example.org');

    const misaligned = newMessageId();
    const mailer = `Authentication-Results: mx.uplink.test; dkim=pass header.d=mailer.example; spf=pass smtp.mailfrom=bounces@mailer.example\n`;
    const kept = await keptUnauthenticated(mailer + sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId: misaligned, authenticated: false }), misaligned, quote, customer);
    expect(kept.outcomeReason).toContain('no SPF or DKIM pass aligned with the From domain example.org');
  });

  it('with UPLINK_INBOUND_TRUST_UNAUTHENTICATED a message without our header acts, but a failing one still does not', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const portal = await startPortalServer({
      services: { ...ctx(), inboundSenderAuthentication: { ...TEST_SENDER_AUTHENTICATION, trustUnauthenticated: true } },
      settings: harness.settings,
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
    });
    try {
      const dmarcFail = `Authentication-Results: mx.uplink.test; dmarc=fail header.from=example.org\n`;
      const failing = await postMime(dmarcFail + sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId: newMessageId(), authenticated: false }), { url: portal.url });
      expect(await failing.json()).toMatchObject({ outcome: 'kept' });
      const bare = await postMime(sampleAs('plain-text.eml', { to: replyAddress, from: customer.email, messageId: newMessageId(), authenticated: false }), { url: portal.url });
      expect(await bare.json()).toMatchObject({ outcome: 'accepted' });
    } finally {
      await portal.close();
    }
    expect((await getQuote(ctx(), quote.id)).status).toBe('accepted');
  });

  it('Resend without the original message gives no trace headers to check: an accept from its parts is kept', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const emailId = `inbound_${randomUUID()}`;
    const messageId = newMessageId();
    resend.receivedEmails.set(emailId, {
      from: customer.email,
      to: [replyAddress],
      subject: 'Re: Quote',
      messageId: `<${messageId}>`,
      text: 'Yes, go ahead.',
      headers: { 'authentication-results': 'mx.uplink.test; dmarc=pass header.from=example.org' },
    });
    expect(await (await postResendEvent(emailId)).json()).toMatchObject({ outcome: 'kept' });
    expect((await storedMessage(messageId))!.outcomeReason).toContain('no Authentication-Results header from mx.uplink.test');
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
  });
});

describe('Resend email.received webhook', () => {
  it('with a good signature fetches the original message from Resend and acts on it', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const emailId = `inbound_${randomUUID()}`;
    const messageId = newMessageId();
    resend.receivedEmails.set(emailId, {
      from: customer.email,
      to: [replyAddress],
      subject: 'AW: Angebot',
      messageId: `<${messageId}>`,
      raw: sampleAs('german.eml', { to: replyAddress, from: customer.email, messageId }),
    });
    const response = await postResendEvent(emailId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: 'accepted' });
    expect(resend.received.some((request) => request.method === 'GET' && request.url === `/emails/receiving/${emailId}`)).toBe(true);
    expect(await storedMessage(messageId)).toMatchObject({ channel: 'resend', providerId: emailId, subject: 'AW: Angebot Q-2026-000001 für Sie', intent: 'accept' });
    expect((await getQuote(ctx(), quote.id)).status).toBe('accepted');
  });

  it('reads the text and HTML parts when Resend offers no original; a question is kept for staff and the customer answered', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const emailId = `inbound_${randomUUID()}`;
    const messageId = newMessageId();
    resend.receivedEmails.set(emailId, {
      from: `Anna Customer <${customer.email}>`,
      to: ['Test ISP <billing@uplink.test>'],
      receivedFor: [replyAddress],
      subject: 'Re: Quote – Saturday?',
      messageId: `<${messageId}>`,
      text: 'Could you come on a Saturday instead?\n\nOn Tue, 24 Nov 2026 at 09:12, Test ISP <billing@uplink.test> wrote:\n> Your quote',
      html: '<p>Could you come on a Saturday instead?</p>',
      attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', size: 2048 }],
    });
    const response = await postResendEvent(emailId);
    expect(await response.json()).toMatchObject({ outcome: 'kept' });
    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({
      subject: 'Re: Quote – Saturday?',
      replyText: 'Could you come on a Saturday instead?',
      intent: 'unknown',
      outcome: 'kept',
      quoteId: quote.id,
      attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', size: 2048 }],
    });
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
    const [answer] = await answersTo(stored!.id);
    expect(answer!.text).toContain(`we could not tell whether your reply accepts or declines quote ${quote.number}`);
  });

  it('an automatic reply named only in the headers Resend lists is kept, never acted on or answered', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const emailId = `inbound_${randomUUID()}`;
    const messageId = newMessageId();
    resend.receivedEmails.set(emailId, {
      from: customer.email,
      to: [replyAddress],
      subject: 'Re: Quote',
      messageId: `<${messageId}>`,
      text: 'Yes, go ahead.',
      headers: { 'auto-submitted': 'auto-replied', 'x-mailer': 'Vacation 1.0' },
    });
    const response = await postResendEvent(emailId);
    expect(await response.json()).toMatchObject({ outcome: 'kept' });
    const stored = await storedMessage(messageId);
    expect(stored).toMatchObject({ channel: 'resend', outcome: 'kept', quoteId: quote.id });
    expect(stored!.outcomeReason).toContain('an automatic reply (Auto-Submitted: auto-replied)');
    expect(await answersTo(stored!.id)).toHaveLength(0);
    expect((await getQuote(ctx(), quote.id)).status).toBe('sent');
  });

  it('refuses a bad signature and a stale one with 401, storing and fetching nothing', async () => {
    const emailId = `inbound_${randomUUID()}`;
    resend.receivedEmails.set(emailId, { from: 'a@b.test', to: ['c@d.test'], subject: 's', messageId: `<${newMessageId()}>`, text: 'yes' });
    const wrongSecret = `whsec_${Buffer.from('some-other-signing-key-entirely').toString('base64')}`;
    expect((await postResendEvent(emailId, { secret: wrongSecret })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postResendEvent(emailId, { timestamp: sixMinutesAgo })).status).toBe(401);
    const unsigned = await fetch(`${harness.url}/webhooks/resend/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":"email.received"}' });
    expect(unsigned.status).toBe(401);
    expect(resend.received.some((request) => request.url === `/emails/receiving/${emailId}`)).toBe(false);
    expect(await ctx().db.select().from(inboundMessages).where(eq(inboundMessages.providerId, emailId))).toHaveLength(0);
  });
});

describe('staff inbound pages', () => {
  it('list every message with its intent, outcome and reason, and show one with its reply, attachments and full text', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const staff = new StaffBrowser(harness.url);
    await staff.signIn(await harness.newStaff());
    const accepted = newMessageId();
    await postMime(sampleAs('attachment.eml', { to: replyAddress, from: customer.email, messageId: accepted }));
    const stranger = newMessageId();
    await postMime(sampleAs('plain-text.eml', { to: replyAddress, from: 'someone.else@elsewhere.test', messageId: stranger }));

    const list = await (await staff.get('/staff/inbound')).text();
    expect(list).toContain('Inbound mail');
    expect(list).toContain('someone.else@elsewhere.test');
    expect(list).toContain('is not the address of quote');
    expect(list).toContain(`href="/staff/quotes/${quote.id}"`);
    const refusedOnly = await (await staff.get('/staff/inbound?status=refused')).text();
    expect(refusedOnly).toContain('someone.else@elsewhere.test');
    expect(refusedOnly).not.toContain(`${(await storedMessage(accepted))!.id}`);

    const row = await storedMessage(accepted);
    const page = await (await staff.get(`/staff/inbound/${row!.id}`)).text();
    expect(page).toContain('The quote was accepted by this reply.');
    expect(page).toContain('Accepted, signed copy attached.');
    expect(page).toContain('signed-quote.pdf (application/pdf, 51 bytes)');
    expect(page).toContain(quote.number);
    expect((await staff.get('/staff/inbound/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await staff.get('/staff/inbound?status=lost')).status).toBe(400);
  });
});

describe('GET /api/v1/inbound-messages', () => {
  it('lists messages by outcome and shows one with its reply text and attachments', async () => {
    const { customer, quote, replyAddress } = await sentQuote();
    const messageId = newMessageId();
    await postMime(sampleAs('attachment.eml', { to: replyAddress, from: customer.email, messageId }));
    const id = (await storedMessage(messageId))!.id;
    const token = await harness.newApiToken();
    const get = (path: string) => fetch(`${harness.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

    const accepted = (await (await get('/api/v1/inbound-messages?outcome=accepted&limit=100')).json()) as { items: { id: string; outcome: string }[] };
    expect(accepted.items.find((item) => item.id === id)).toMatchObject({ outcome: 'accepted', intent: 'accept', quote: { id: quote.id, number: quote.number } });
    expect(accepted.items.every((item) => item.outcome === 'accepted')).toBe(true);
    const document = await (await get(`/api/v1/inbound-messages/${id}`)).json();
    expect(document).toMatchObject({
      id,
      from: customer.email,
      replyText: 'Accepted, signed copy attached.\n\nAnna',
      attachments: [{ filename: 'signed-quote.pdf', contentType: 'application/pdf', size: 51 }],
      customer: { id: customer.id, name: customer.name },
    });
    expect((await get('/api/v1/inbound-messages?outcome=lost')).status).toBe(422);
    expect((await fetch(`${harness.url}/api/v1/inbound-messages`)).status).toBe(401);
  });
});

async function freePort(): Promise<[number]> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise((done) => probe.close(done));
  return [port];
}
