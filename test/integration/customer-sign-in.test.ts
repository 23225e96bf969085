// Customer sign-in links against a real Postgres: the token is only ever in the email (hashed at
// rest), good once and for 15 minutes, the same answer for unknown addresses, limits counted in the
// database, and with a real provider (Resend, faked at its HTTP boundary) no live link is recorded.
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { customerSignInRequests, customerSignInTokens, customers, emailMessages } from '../../db/schema.js';
import { createOutboxTransport } from '../../emails/outbox-transport.js';
import { createResendTransport } from '../../emails/resend-transport.js';
import type { ServiceContext } from '../../server/services/context.js';
import {
  SIGN_IN_LINK_LIMITS,
  consumeSignInToken,
  endCustomerSessions,
  findSignedInCustomer,
  hashSignInToken,
  requestSignInLink,
} from '../../server/services/access/customer-sign-in.js';
import { ValidationError } from '../../server/services/errors.js';
import { startFakeResendApi } from '../support/fake-resend-api.js';
import { testActivityDeps } from '../support/test-activity-deps.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let ctx: ServiceContext;
let clients = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = { db: database.handle.db, temporal: undefined as unknown as Client, mail: testActivityDeps(database.handle.db, createOutboxTransport()) };
});
afterAll(() => database?.dispose());

/** Each test asks from its own client address, so the per-client limit of one test never hits another. */
function newClient(): string {
  return `198.51.100.${++clients}`;
}

async function newCustomer(email = `c${randomBytes(4).toString('hex')}@example.net`) {
  const [customer] = await ctx.db.insert(customers).values({ name: 'Ada Lovelace', email, currency: 'EUR' }).returning();
  return customer!;
}

async function requestLink(email: string, clientAddress = newClient(), on: ServiceContext = ctx) {
  const result = await requestSignInLink(on, { email, clientAddress });
  if (result.outcome === 'requested') await result.delivery;
  return result;
}

async function sentLinks(customerId: string) {
  return ctx.db.select().from(emailMessages).where(and(eq(emailMessages.customerId, customerId), eq(emailMessages.kind, 'sign-in-link')));
}

function tokenIn(text: string): string {
  const token = /\/sign-in\/confirm\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no sign-in link in: ${text}`);
  return token;
}

async function everyStoredValue(): Promise<string> {
  // Every column of every row the sign-in touches, as text, to look for the token anywhere.
  const rows = await ctx.db.execute(sql`
    select coalesce(string_agg(t::text, ' '), '') as dump from (
      select row_to_json(x)::text as t from customer_sign_in_tokens x
      union all select row_to_json(y)::text from customer_sign_in_requests y
      union all select row_to_json(z)::text from customers z) all_rows`);
  return String((rows as unknown as { dump: string }[])[0]?.dump ?? '');
}

describe('asking for a sign-in link', () => {
  it('emails a link whose token is stored only as its SHA-256, valid for 15 minutes', async () => {
    const customer = await newCustomer();
    const result = await requestLink(customer.email.toUpperCase());
    expect(result.outcome).toBe('requested');

    const [email] = await sentLinks(customer.id);
    expect(email).toMatchObject({ recipient: customer.email, status: 'outbox', subject: 'Your sign-in link for Test ISP' });
    const token = tokenIn(email!.text);
    expect(email!.html).toContain(`/sign-in/confirm?token=${token}`);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const [stored] = await ctx.db.select().from(customerSignInTokens).where(eq(customerSignInTokens.customerId, customer.id));
    expect(stored!.tokenHash).toBe(hashSignInToken(token));
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(15 * 60_000);
    expect(email!.idempotencyKey).toBe(`sign-in-link/${stored!.id}`);
    const dump = await everyStoredValue();
    expect(dump).toContain(stored!.tokenHash);
    expect(dump).not.toContain(token);
  });

  it('answers the same for an address that belongs to no account, and sends nothing', async () => {
    const before = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(emailMessages);
    const result = await requestLink('nobody-here@example.net');
    expect(result).toEqual({ outcome: 'requested', delivery: expect.any(Promise) });
    const after = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(emailMessages);
    expect(after[0]!.n).toBe(before[0]!.n);
    // The request is counted all the same, so unknown addresses are rate-limited like known ones.
    const recorded = await ctx.db.select().from(customerSignInRequests).where(eq(customerSignInRequests.email, 'nobody-here@example.net'));
    expect(recorded).toHaveLength(1);
  });

  it('forgets requests older than a day, so the table stays small', async () => {
    await ctx.db.insert(customerSignInRequests).values({ email: 'old@example.net', clientAddress: newClient(), requestedAt: new Date(Date.now() - 2 * 86_400_000) });
    await requestLink('recent@example.net');
    expect(await ctx.db.select().from(customerSignInRequests).where(eq(customerSignInRequests.email, 'old@example.net'))).toEqual([]);
    expect(await ctx.db.select().from(customerSignInRequests).where(eq(customerSignInRequests.email, 'recent@example.net'))).toHaveLength(1);
  });

  it('refuses something that is not an email address, naming the field', async () => {
    await expect(requestSignInLink(ctx, { email: 'not an address', clientAddress: newClient() })).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.problems[0]?.field === 'email',
    );
  });

  it('sends at most five links per address in 15 minutes, whoever asks', async () => {
    const customer = await newCustomer();
    for (let attempt = 0; attempt < SIGN_IN_LINK_LIMITS.perEmail; attempt++) {
      expect((await requestLink(customer.email)).outcome).toBe('requested');
    }
    expect(await requestLink(customer.email)).toEqual({ outcome: 'throttled', retryAfterMinutes: 15 });
    expect(await sentLinks(customer.id)).toHaveLength(SIGN_IN_LINK_LIMITS.perEmail);

    // Requests older than the window no longer count.
    await ctx.db
      .update(customerSignInRequests)
      .set({ requestedAt: sql`now() - interval '16 minutes'` })
      .where(eq(customerSignInRequests.email, customer.email));
    expect((await requestLink(customer.email)).outcome).toBe('requested');
  });

  it('allows a client 20 requests in 15 minutes, for any addresses, and counts parallel requests against each other', async () => {
    const client = newClient();
    const answers = await Promise.all(
      Array.from({ length: SIGN_IN_LINK_LIMITS.perClient + 4 }, (_, n) => requestLink(`someone${n}@example.net`, client)),
    );
    // Each request is recorded before it is counted, so parallel ones can only make it stricter.
    expect(answers.filter((answer) => answer.outcome === 'requested').length).toBeLessThanOrEqual(SIGN_IN_LINK_LIMITS.perClient);
    expect(answers.filter((answer) => answer.outcome === 'throttled').length).toBeGreaterThanOrEqual(4);
    expect((await requestLink('one-more@example.net', client)).outcome).toBe('throttled');
    // Another client is not held back by this one.
    expect((await requestLink('someone0@example.net', newClient())).outcome).toBe('requested');
  });
});

describe('using a sign-in link', () => {
  it('signs in once: the second use of the same token is refused', async () => {
    const customer = await newCustomer();
    await requestLink(customer.email);
    const token = tokenIn((await sentLinks(customer.id))[0]!.text);

    const uses = await Promise.all([consumeSignInToken(ctx, token), consumeSignInToken(ctx, token)]);
    expect(uses.filter((use) => use !== null)).toEqual([{ customerId: customer.id }]);
    expect(await consumeSignInToken(ctx, token)).toBeNull();
  });

  it('refuses a token after its 15 minutes', async () => {
    const customer = await newCustomer();
    await requestLink(customer.email);
    const token = tokenIn((await sentLinks(customer.id))[0]!.text);
    await ctx.db
      .update(customerSignInTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(customerSignInTokens.tokenHash, hashSignInToken(token)));
    expect(await consumeSignInToken(ctx, token)).toBeNull();
  });

  it('refuses unknown and malformed tokens', async () => {
    expect(await consumeSignInToken(ctx, randomBytes(32).toString('base64url'))).toBeNull();
    for (const token of ['', 'short', `${'a'.repeat(43)}'; drop table customers; --`, null, 42]) {
      expect(await consumeSignInToken(ctx, token)).toBeNull();
    }
  });
});

describe('portal sessions', () => {
  it('end on sign-out for every copy, and after seven days', async () => {
    const customer = await newCustomer();
    const signedInAt = new Date(Date.now() - 1000);
    expect(await findSignedInCustomer(ctx, customer.id, signedInAt)).toMatchObject({ id: customer.id });
    expect(await findSignedInCustomer(ctx, customer.id, new Date(Date.now() - 8 * 86_400_000))).toBeNull();

    await endCustomerSessions(ctx, customer.id);
    expect(await findSignedInCustomer(ctx, customer.id, signedInAt)).toBeNull();
    expect(await findSignedInCustomer(ctx, customer.id, new Date(Date.now() + 1))).toMatchObject({ id: customer.id });
    expect(await findSignedInCustomer(ctx, 'not-a-uuid', signedInAt)).toBeNull();
  });
});

describe('with Resend delivering the link', () => {
  it('sends the real link and records a copy without it', async () => {
    vi.stubEnv('RESEND_DEBUG', '');
    const api = await startFakeResendApi();
    try {
      const resendCtx: ServiceContext = {
        ...ctx,
        mail: testActivityDeps(ctx.db, createResendTransport({ apiKey: 're_test_sign_in_key', baseUrl: api.baseUrl })),
      };
      const customer = await newCustomer();
      await requestLink(customer.email, newClient(), resendCtx);

      expect(api.received).toHaveLength(1);
      const sent = api.received[0]!.body as { to: string | string[]; text: string; html: string };
      const token = tokenIn(sent.text);
      expect(sent.html).toContain(token);
      expect(await consumeSignInToken(ctx, token)).toEqual({ customerId: customer.id });

      const [recorded] = await sentLinks(customer.id);
      expect(recorded!.status).toBe('sent');
      expect(recorded!.text).toContain('[sign-in link removed]');
      expect(recorded!.html).toContain('[sign-in link removed]');
      expect(`${recorded!.text}${recorded!.html}`).not.toContain(token);
      expect(await everyStoredValue()).not.toContain(token);
    } finally {
      vi.unstubAllEnvs();
      await api.close();
    }
  });
});
