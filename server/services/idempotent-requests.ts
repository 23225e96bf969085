// Requests an API client marks with an `Idempotency-Key`: the first one's result is recorded in the
// transaction that creates it, and a retry finds that record instead of creating a second thing.
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/records/transaction.js';
import { isUniqueViolation } from '../../db/errors.js';
import { idempotentRequests } from '../../db/schema.js';
import type { ServiceContext } from './context.js';
import { ValidationError } from './errors.js';

/** A client's promise that requests carrying the same key are one request, retried. */
export interface IdempotencyKey {
  apiKeyId: string;
  key: string;
}

/** One request under a key: what it does (e.g. 'create-customer') and a digest of what it asked. */
export interface IdempotentRequest {
  key: IdempotencyKey;
  operation: string;
  requestHash: string;
  /** Names the thing created, for the refusal of a key reused for another request ("a new customer"). */
  resourceLabel: string;
}

/** A digest of the parsed request (bigints as text), so that the same key with another body is caught. */
export function hashRequest(request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(request, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)))
    .digest('hex');
}

/**
 * The id of what an earlier request under the same key created, or null when there was none.
 * The same key with a different request is a client bug, refused naming the header.
 */
export async function resourceOfEarlierRequest(ctx: ServiceContext, request: IdempotentRequest): Promise<string | null> {
  return earlierResource(ctx.db, request);
}

/**
 * Inside the creating transaction, before anything else: waits for any other request under the
 * same key to commit or roll back, then returns what an earlier request created (null when none).
 * A retry sent while the first is still running thus finds its result instead of being refused
 * for the state the first one left (an invoice credited in full, say).
 */
export async function claimIdempotencyKey(tx: Transaction, request: IdempotentRequest): Promise<string | null> {
  // The two-number form keeps these locks apart from other advisory locks, which use one number.
  await tx.execute(
    sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCKS}::int, hashtext(${request.key.apiKeyId} || '/' || ${request.operation} || '/' || ${request.key.key}))`,
  );
  return earlierResource(tx, request);
}

/** The lock space of idempotency keys (any fixed number; the other spaces are one-number locks). */
const IDEMPOTENCY_LOCKS = 7001;

async function earlierResource(db: ServiceContext['db'] | Transaction, request: IdempotentRequest): Promise<string | null> {
  const [earlier] = await db
    .select()
    .from(idempotentRequests)
    .where(
      and(
        eq(idempotentRequests.apiKeyId, request.key.apiKeyId),
        eq(idempotentRequests.operation, request.operation),
        eq(idempotentRequests.key, request.key.key),
      ),
    );
  if (!earlier) return null;
  if (earlier.requestHash !== request.requestHash) {
    throw new ValidationError([
      { field: 'Idempotency-Key', message: `was already used for a different request; use a new key for ${request.resourceLabel}` },
    ]);
  }
  return earlier.resourceId;
}

/** Records the request in the transaction that creates `resourceId`, so both commit or neither. */
export async function recordIdempotentRequest(tx: Transaction, request: IdempotentRequest, resourceId: string): Promise<void> {
  await tx.insert(idempotentRequests).values({
    apiKeyId: request.key.apiKeyId,
    key: request.key.key,
    operation: request.operation,
    requestHash: request.requestHash,
    resourceId,
  });
}

/** True when a concurrent request under the same key committed first and this one's insert lost. */
export function lostRaceForKey(error: unknown): boolean {
  return isUniqueViolation(error, 'idempotent_requests_key');
}
