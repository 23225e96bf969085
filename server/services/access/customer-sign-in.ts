// Customer portal sign-in by magic link. A link carries 32 random bytes; only their SHA-256 is
// stored, it is good for 15 minutes and for one sign-in. Asking for a link answers the same
// whether or not the address belongs to a customer, and requests are counted in the database
// (per address and per client) so every portal process enforces the same limits.
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { sendRecordedEmail } from '../../../db/records/recorded-email.js';
import { customerSignInRequests, customerSignInTokens, customers } from '../../../db/schema.js';
import { redactSignInLink, renderSignInEmail } from '../../../emails/render-sign-in-email.js';
import type { ServiceContext } from '../context.js';
import { parseInput } from '../errors.js';
import { returnPath } from './return-path.js';

export const SIGN_IN_LINK_MINUTES = 15;

/** Requests allowed in the window, per address (known or not) and per client address. */
export const SIGN_IN_LINK_LIMITS = { perEmail: 5, perClient: 20, windowMinutes: 15 } as const;

/** How long a customer portal session lasts after signing in, checked on the server. */
export const CUSTOMER_SESSION_DAYS = 7;

/** At most this many accounts share one address; each gets its own link. */
const MAX_ACCOUNTS_PER_ADDRESS = 5;

const signInRequestSchema = z.object({
  email: z
    .string()
    .trim()
    .max(320, 'is too long')
    .pipe(z.email('must be an email address'))
    .transform((email) => email.toLowerCase()),
});

export type SignInLinkRequest =
  /** `delivery` settles once the links are stored and sent; it never rejects (failures are logged). */
  | { outcome: 'requested'; delivery: Promise<void> }
  | { outcome: 'throttled'; retryAfterMinutes: number };

export interface SignedInCustomer {
  id: string;
  name: string;
  email: string;
  currency: string;
}

/**
 * A page of the customer's account to land on after signing in (the quote an email linked to), or
 * null: a path of this site (returnPath, the rule every sign-in shares) that is a plain /account page.
 */
export function accountPath(value: unknown): string | null {
  const path = returnPath(value);
  return path !== null && /^\/account(\/[A-Za-z0-9-]+)*$/.test(path) && path.length <= 200 ? path : null;
}

export function hashSignInToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Records the request, refuses it over the limits, and otherwise starts sending a link to every
 * account with this address. The answer is ready before any link is made: the work done before it
 * is the same for a known and an unknown address, so neither the page nor its timing tells them
 * apart. A ValidationError names the field when the address is not an email address.
 */
export async function requestSignInLink(
  ctx: ServiceContext,
  input: { email: unknown; clientAddress: string; /** Where the link should land, see accountPath. */ next?: unknown },
): Promise<SignInLinkRequest> {
  const { email } = parseInput(signInRequestSchema, { email: input.email });
  // Recorded before counting, so requests sent in parallel all count against each other.
  await ctx.db.insert(customerSignInRequests).values({ email, clientAddress: input.clientAddress });
  const since = new Date(Date.now() - SIGN_IN_LINK_LIMITS.windowMinutes * 60_000);
  const requests = (where: ReturnType<typeof eq>) =>
    ctx.db
      .select({ n: count() })
      .from(customerSignInRequests)
      .where(and(where, gt(customerSignInRequests.requestedAt, since)))
      .then(([row]) => row?.n ?? 0);
  const [byEmail, byClient, accounts] = await Promise.all([
    requests(eq(customerSignInRequests.email, email)),
    requests(eq(customerSignInRequests.clientAddress, input.clientAddress)),
    ctx.db
      .select({ id: customers.id, name: customers.name, email: customers.email })
      .from(customers)
      .where(sql`lower(${customers.email}) = ${email}`)
      .limit(MAX_ACCOUNTS_PER_ADDRESS),
    forgetOldRequests(ctx),
  ]);
  if (byEmail > SIGN_IN_LINK_LIMITS.perEmail || byClient > SIGN_IN_LINK_LIMITS.perClient) {
    return { outcome: 'throttled', retryAfterMinutes: SIGN_IN_LINK_LIMITS.windowMinutes };
  }
  const next = accountPath(input.next);
  const delivery = Promise.all(accounts.map((account) => sendSignInLink(ctx, account, next))).then(
    () => undefined,
    (error: unknown) => {
      // A link that did not go out is asked for again; the reason goes to the log, never the token.
      console.error(`A customer sign-in link could not be sent: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  return { outcome: 'requested', delivery };
}

async function sendSignInLink(ctx: ServiceContext, account: { id: string; name: string; email: string }, next: string | null): Promise<void> {
  const mail = ctx.mail;
  if (!mail) throw new Error('this process has no mail settings, so it cannot send sign-in links');
  const token = randomBytes(32).toString('base64url');
  const [stored] = await ctx.db
    .insert(customerSignInTokens)
    .values({
      customerId: account.id,
      tokenHash: hashSignInToken(token),
      expiresAt: sql`now() + make_interval(mins => ${SIGN_IN_LINK_MINUTES})`,
    })
    .returning({ id: customerSignInTokens.id });
  if (!stored) throw new Error('the sign-in token was not stored');
  const signInUrl = `${mail.portalUrl.replace(/\/+$/, '')}/sign-in/confirm?${new URLSearchParams({ token, ...(next ? { next } : {}) })}`;
  await sendRecordedEmail(
    { db: ctx.db, ...mail },
    {
      kind: 'sign-in-link',
      entityType: 'customer',
      entityId: account.id,
      customerId: account.id,
      recipient: account.email,
      idempotencyKey: `sign-in-link/${stored.id}`,
      render: () =>
        renderSignInEmail({ companyName: mail.companyName, customerName: account.name, signInUrl, validMinutes: SIGN_IN_LINK_MINUTES }),
      // With a real provider no live link stays in the database; the outbox is the only way the
      // link reaches anyone in development, so there it is kept (and good for 15 minutes only).
      redactForRecord: (rendered) => redactSignInLink(rendered, signInUrl),
    },
  );
}

/** Requests only matter inside the window; older ones go, so the table stays small. */
async function forgetOldRequests(ctx: ServiceContext): Promise<void> {
  await ctx.db.delete(customerSignInRequests).where(lt(customerSignInRequests.requestedAt, new Date(Date.now() - 86_400_000)));
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Uses the token up, in one statement, so two requests racing with one link sign in at most once.
 * Null when it is unknown, used or expired.
 */
export async function consumeSignInToken(ctx: ServiceContext, token: unknown): Promise<{ customerId: string } | null> {
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return null;
  const [consumed] = await ctx.db
    .update(customerSignInTokens)
    .set({ consumedAt: sql`now()` })
    .where(
      and(
        eq(customerSignInTokens.tokenHash, hashSignInToken(token)),
        isNull(customerSignInTokens.consumedAt),
        gt(customerSignInTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ customerId: customerSignInTokens.customerId });
  return consumed ?? null;
}

/**
 * The customer behind a session signed in at `signedInAt`, or null when the session is older than
 * its days, was ended by signing out (anywhere), or the customer is gone.
 */
export async function findSignedInCustomer(ctx: ServiceContext, customerId: string, signedInAt: Date): Promise<SignedInCustomer | null> {
  if (!z.uuid().safeParse(customerId).success || Number.isNaN(signedInAt.getTime())) return null;
  if (Date.now() - signedInAt.getTime() > CUSTOMER_SESSION_DAYS * 86_400_000) return null;
  const [customer] = await ctx.db
    .select({ id: customers.id, name: customers.name, email: customers.email, currency: customers.currency })
    .from(customers)
    .where(
      and(
        eq(customers.id, customerId),
        or(isNull(customers.portalSessionsValidFrom), lte(customers.portalSessionsValidFrom, signedInAt)),
      ),
    );
  return customer ?? null;
}

/** Ends every portal session of this customer, including copies of the cookie elsewhere. */
export async function endCustomerSessions(ctx: ServiceContext, customerId: string): Promise<void> {
  await ctx.db.update(customers).set({ portalSessionsValidFrom: new Date() }).where(eq(customers.id, customerId));
}
