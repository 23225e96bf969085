// Tells a NAS about one session, once per desired-state change: every Disconnect/CoA request is a
// network_requests row keyed by kind, customer, session and desired version. A request already
// acknowledged (or answered "no such session") is never sent again, however often reconcile runs;
// one still pending is sent again, the very same request.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { networkRequests } from '../db/schema/network.js';
import {
  NasNoAnswerError,
  SESSION_CONTEXT_NOT_FOUND,
  sendDynamicAuthorization,
  type DynamicAuthorizationCode,
  type RetryPolicy,
} from './dynamic-authorization-client.js';
import type { OpenSession } from './live-sessions.js';
import type { RadiusAttributeInput } from './radius-codec.js';
import type { ServiceState } from './service-states.js';
import type { SessionAttribute, SessionChange } from './session-changes.js';

const MIKROTIK_VENDOR_ID = 14988;
const MIKROTIK_RATE_LIMIT = 8;

export interface SessionRequestContext {
  customerId: string;
  state: ServiceState;
  desiredVersion: number;
}

/** How a session ended up: the request that settled it and how. */
export type SessionOutcome = { acctSessionId: string; settledBy: 'coa' | 'disconnect'; status: 'acked' | 'session_gone' };

export class NasRefusedError extends Error {
  constructor(readonly session: OpenSession, readonly errorCause: number | null) {
    super(`NAS ${session.nasIpAddress} refused to disconnect session ${session.acctSessionId}${errorCause === null ? '' : ` (Error-Cause ${errorCause})`}`);
    this.name = 'NasRefusedError';
  }
}

export class UnknownNasError extends Error {
  constructor(readonly session: OpenSession) {
    super(`session ${session.acctSessionId} runs on NAS ${session.nasIpAddress}, which has no nas row (secret and CoA port unknown)`);
    this.name = 'UnknownNasError';
  }
}

/** Applies a change to one live session; throws when the NAS could not be made to agree this time. */
export async function changeSession(
  db: Database,
  context: SessionRequestContext,
  session: OpenSession,
  change: SessionChange,
  retry: RetryPolicy,
): Promise<SessionOutcome> {
  if (change.kind === 'coa') {
    const coa = await requestOnce(db, context, session, 'coa', change.attributes, retry);
    if (coa !== 'refused') return { acctSessionId: session.acctSessionId, settledBy: 'coa', status: coa };
  }
  const disconnect = await requestOnce(db, context, session, 'disconnect', [], retry);
  if (disconnect === 'refused') {
    const [row] = await db.select({ errorCause: networkRequests.errorCause }).from(networkRequests).where(eq(networkRequests.requestKey, requestKey(context, session, 'disconnect')));
    throw new NasRefusedError(session, row?.errorCause ?? null);
  }
  return { acctSessionId: session.acctSessionId, settledBy: 'disconnect', status: disconnect };
}

export const requestKey = (context: SessionRequestContext, session: OpenSession, kind: 'coa' | 'disconnect'): string =>
  `${kind}:${context.customerId}:${session.acctUniqueId}:${context.desiredVersion}`;

async function requestOnce(
  db: Database,
  context: SessionRequestContext,
  session: OpenSession,
  kind: 'coa' | 'disconnect',
  attributes: SessionAttribute[],
  retry: RetryPolicy,
): Promise<'acked' | 'session_gone' | 'refused'> {
  const key = requestKey(context, session, kind);
  await db
    .insert(networkRequests)
    .values({
      requestKey: key,
      customerId: context.customerId,
      kind,
      desiredState: context.state,
      desiredVersion: context.desiredVersion,
      acctUniqueId: session.acctUniqueId,
      acctSessionId: session.acctSessionId,
      username: session.username,
      nasAddress: session.nasIpAddress,
      nasPort: session.nas?.port ?? 0,
    })
    .onConflictDoNothing({ target: networkRequests.requestKey });
  const [recorded] = await db.select().from(networkRequests).where(eq(networkRequests.requestKey, key));
  if (recorded!.status !== 'pending') return recorded!.status;

  if (!session.nas) {
    const error = new UnknownNasError(session);
    await recordFailure(db, key, 0, error.message);
    throw error;
  }
  const code: DynamicAuthorizationCode = kind === 'coa' ? 'CoA-Request' : 'Disconnect-Request';
  try {
    const answer = await sendDynamicAuthorization(session.nas, code, wireAttributes(session, attributes), retry);
    const errorCause = answer.acked ? null : answer.errorCause;
    const status = answer.acked ? 'acked' : errorCause === SESSION_CONTEXT_NOT_FOUND ? 'session_gone' : 'refused';
    await db
      .update(networkRequests)
      .set({
        status,
        attempts: sql`${networkRequests.attempts} + ${answer.attempts}`,
        errorCause,
        lastError: status === 'refused' ? `NAK with Error-Cause ${errorCause ?? 'none'}` : null,
        ackedAt: status === 'refused' ? null : sql`now()`,
        updatedAt: sql`now()`,
      })
      // Only a pending row moves: a concurrent run that settled it first keeps its answer.
      .where(and(eq(networkRequests.requestKey, key), inArray(networkRequests.status, ['pending'])));
    return status;
  } catch (error) {
    const attempts = error instanceof NasNoAnswerError ? error.attempts : 0;
    await recordFailure(db, key, attempts, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function recordFailure(db: Database, key: string, attempts: number, message: string): Promise<void> {
  await db
    .update(networkRequests)
    .set({ attempts: sql`${networkRequests.attempts} + ${attempts}`, lastError: message, updatedAt: sql`now()` })
    .where(eq(networkRequests.requestKey, key));
}

/** RFC 5176 session identification (User-Name, Acct-Session-Id, NAS-IP-Address) and the changes. */
function wireAttributes(session: OpenSession, attributes: SessionAttribute[]): RadiusAttributeInput[] {
  const wire: RadiusAttributeInput[] = [
    ['User-Name', session.username],
    ['Acct-Session-Id', session.acctSessionId],
  ];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(session.nasIpAddress)) wire.push(['NAS-IP-Address', session.nasIpAddress]);
  for (const attribute of attributes) {
    if (attribute.name === 'Filter-Id') wire.push(['Filter-Id', attribute.value]);
    else wire.push(['Vendor-Specific', MIKROTIK_VENDOR_ID, [[MIKROTIK_RATE_LIMIT, Buffer.from(attribute.value, 'utf8')]]]);
  }
  return wire;
}
