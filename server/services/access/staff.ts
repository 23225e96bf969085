// Staff accounts and signing in: passwords checked against scrypt hashes, and repeated failures
// refused per client and slowed down per address, counted in the database so every portal process
// agrees.
import { setTimeout as sleep } from 'node:timers/promises';
import { and, count, eq, gt, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isUniqueViolation } from '../../../db/errors.js';
import { signInAttempts, staffUsers } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ValidationError, parseInput } from '../errors.js';
import { UNUSABLE_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.js';

export const newStaffSchema = z.object({
  email: z.email('must be an email address').transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1, 'is required').max(200),
  password: z.string().min(12, 'must be at least 12 characters').max(1000),
});

export interface StaffMember {
  id: string;
  email: string;
  name: string;
}

/**
 * Failures allowed in the window before a client (an IP address) is refused: on one staff address,
 * and on all of them together. Only the client that failed is refused: were the address itself
 * locked, anyone could keep its owner (the administrator too) out with a few wrong passwords.
 */
export const SIGN_IN_LIMITS = { perClientAndEmail: 5, perClient: 20, windowMinutes: 15 } as const;

/**
 * An address that keeps failing from many clients is under attack: every attempt on it waits
 * before the password is checked, doubling with each failure past `afterFailures` up to `maxMs`.
 * That slows guessing spread over many clients, while its owner still signs in, a little later.
 */
export const SIGN_IN_SLOWDOWN = { afterFailures: 5, firstMs: 250, maxMs: 5_000 } as const;

/** How long an attempt on an address waits, given its failures in the window (this attempt included). */
export function signInDelayMs(failuresOnEmail: number): number {
  const over = failuresOnEmail - SIGN_IN_SLOWDOWN.afterFailures;
  return over <= 0 ? 0 : Math.min(SIGN_IN_SLOWDOWN.firstMs * 2 ** (over - 1), SIGN_IN_SLOWDOWN.maxMs);
}

/** How long a staff session lasts after signing in, checked on the server, not only by the cookie. */
export const STAFF_SESSION_HOURS = 8;

export async function createStaff(ctx: ServiceContext, input: unknown): Promise<StaffMember> {
  const request = parseInput(newStaffSchema, input);
  const passwordHash = await hashPassword(request.password);
  try {
    const [created] = await ctx.db
      .insert(staffUsers)
      .values({ email: request.email, name: request.name, passwordHash })
      .returning({ id: staffUsers.id, email: staffUsers.email, name: staffUsers.name });
    if (!created) throw new Error('staff member was not stored');
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError([{ field: 'email', message: 'already has a staff account' }]);
    throw error;
  }
}

/** Creates the configured first account when there is no staff account yet; true if it did. */
export async function ensureFirstStaff(ctx: ServiceContext, first: { email: string; password: string; name?: string }): Promise<boolean> {
  const [existing] = await ctx.db.select({ n: count() }).from(staffUsers);
  if ((existing?.n ?? 0) > 0) return false;
  try {
    await createStaff(ctx, { email: first.email, password: first.password, name: first.name ?? 'Administrator' });
    return true;
  } catch (error) {
    // Another process created it first: that is the outcome we wanted.
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

export type SignInResult =
  | { outcome: 'signed-in'; staff: StaffMember }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfterMinutes: number };

export async function signIn(
  ctx: ServiceContext,
  attempt: { email: string; password: string; clientAddress: string },
): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  // The attempt is recorded as a failure before anything is checked, so attempts sent in parallel
  // all count against each other; it becomes a success only once the password is verified.
  const [recorded] = await ctx.db
    .insert(signInAttempts)
    .values({ email, clientAddress: attempt.clientAddress, succeeded: false })
    .returning({ id: signInAttempts.id });
  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const failures = (...where: SQL[]) =>
    ctx.db
      .select({ n: count() })
      .from(signInAttempts)
      .where(and(...where, eq(signInAttempts.succeeded, false), gt(signInAttempts.attemptedAt, since)))
      .then(([row]) => row?.n ?? 0);
  const forEmail = eq(signInAttempts.email, email);
  const fromClient = eq(signInAttempts.clientAddress, attempt.clientAddress);
  const [byEmail, byClientAndEmail, byClient] = await Promise.all([failures(forEmail), failures(fromClient, forEmail), failures(fromClient)]);
  if (byClientAndEmail > SIGN_IN_LIMITS.perClientAndEmail || byClient > SIGN_IN_LIMITS.perClient) {
    return { outcome: 'throttled', retryAfterMinutes: SIGN_IN_LIMITS.windowMinutes };
  }
  // Before the check, for the right password as for a wrong one, so the wait tells nothing.
  const delay = signInDelayMs(byEmail);
  if (delay > 0) await sleep(delay);

  const [user] = await ctx.db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.email, email), isNull(staffUsers.disabledAt)));
  // An unknown address costs the same hashing as a wrong password, so timing reveals nothing.
  const valid = await verifyPassword(attempt.password, user?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
  const succeeded = valid && user !== undefined;
  if (succeeded && recorded) await ctx.db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, recorded.id));
  // Attempts only matter inside the throttling window; older ones go, so the table stays small.
  await ctx.db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, new Date(Date.now() - 86_400_000)));
  return succeeded ? { outcome: 'signed-in', staff: { id: user.id, email: user.email, name: user.name } } : { outcome: 'invalid' };
}

/**
 * The staff member behind a session signed in at `signedInAt`, or null when the session has
 * expired, was ended by signing out, or the account is gone or disabled.
 */
export async function findSignedInStaff(ctx: ServiceContext, staffId: string, signedInAt: Date): Promise<StaffMember | null> {
  if (!z.uuid().safeParse(staffId).success || Number.isNaN(signedInAt.getTime())) return null;
  if (Date.now() - signedInAt.getTime() > STAFF_SESSION_HOURS * 3_600_000) return null;
  const [user] = await ctx.db
    .select({ id: staffUsers.id, email: staffUsers.email, name: staffUsers.name })
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.id, staffId),
        isNull(staffUsers.disabledAt),
        or(isNull(staffUsers.sessionsValidFrom), lte(staffUsers.sessionsValidFrom, signedInAt)),
      ),
    );
  return user ?? null;
}

/** Ends every session of this staff member, including copies of the cookie elsewhere. */
export async function endStaffSessions(ctx: ServiceContext, staffId: string): Promise<void> {
  await ctx.db.update(staffUsers).set({ sessionsValidFrom: new Date() }).where(eq(staffUsers.id, staffId));
}
