// Makes the network agree with what billing decided for a customer: FreeRADIUS's tables first (in
// one transaction), then every live session through its NAS (outside any transaction: a NAS that
// is slow to answer must not hold database locks). Only when both agree are applied_state and
// applied_at written; otherwise last_error says why and the error is thrown, so the caller (a
// Temporal activity) retries later. A retry re-sends only what was not acknowledged.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { serviceAccounts } from '../db/schema/network.js';
import type { RetryPolicy } from './dynamic-authorization-client.js';
import { openSessionsOf } from './live-sessions.js';
import { applyServiceState } from './radius-sql-writer.js';
import type { ServiceState } from './service-states.js';
import { sessionChangeFor } from './session-changes.js';
import { changeSession, type SessionOutcome } from './session-requests.js';

export interface ReconcileOptions {
  /** How long the first attempt at each NAS request waits for an answer (each retry doubles it). */
  nasTimeoutMs: number;
  /** Attempts per request within this call; 3 when not given. */
  nasAttempts?: number;
}

export interface ReconcileResult {
  state: ServiceState;
  desiredVersion: number;
  groupname: string;
  sessions: SessionOutcome[];
}

export class NetworkDisagreesError extends Error {
  constructor(readonly customerId: string, readonly failures: Error[]) {
    super(`customer ${customerId}: the network does not agree yet: ${failures.map((failure) => failure.message).join('; ')}`);
    this.name = 'NetworkDisagreesError';
  }
}

export async function reconcileServiceState(db: Database, customerId: string, options: ReconcileOptions): Promise<ReconcileResult> {
  const retry: RetryPolicy = { timeoutMs: options.nasTimeoutMs, attempts: options.nasAttempts ?? 3 };
  let applied;
  try {
    applied = await db.transaction((tx) => applyServiceState(tx, customerId));
  } catch (error) {
    await recordError(db, customerId, error);
    throw error;
  }

  const change = sessionChangeFor(applied.state, applied.desiredVersion, applied.profile);
  const sessions = change ? await openSessionsOf(db, applied.username) : [];
  const outcomes: SessionOutcome[] = [];
  const failures: Error[] = [];
  for (const session of sessions) {
    try {
      outcomes.push(await changeSession(db, { customerId, state: applied.state, desiredVersion: applied.desiredVersion }, session, change!, retry));
    } catch (error) {
      failures.push(error instanceof Error ? error : new Error(String(error)));
    }
  }
  if (failures.length > 0) {
    const error = new NetworkDisagreesError(customerId, failures);
    await recordError(db, customerId, error);
    throw error;
  }

  await db
    .update(serviceAccounts)
    .set({ appliedState: applied.state, appliedVersion: applied.desiredVersion, appliedAt: sql`now()`, lastError: null })
    // A newer decision made meanwhile is not marked applied by this older run.
    .where(and(eq(serviceAccounts.customerId, customerId), eq(serviceAccounts.desiredVersion, applied.desiredVersion)));
  return { state: applied.state, desiredVersion: applied.desiredVersion, groupname: applied.membership.groupname, sessions: outcomes };
}

async function recordError(db: Database, customerId: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  await db.update(serviceAccounts).set({ lastError: message }).where(eq(serviceAccounts.customerId, customerId));
}
