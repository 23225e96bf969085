// What staff see of the outbox: the hand-offs not yet delivered, oldest first, with their age
// and the last error, so a stuck one is noticed rather than silently waiting.
import { asc, count, eq, isNull, min, sql } from 'drizzle-orm';
import { customers, workflowHandoffs } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';

export interface UndeliveredHandoff {
  key: string;
  customerId: string;
  customerName: string;
  kind: 'account-fact' | 'workflow-start';
  /** What it tells or starts, in a few words. */
  summary: string;
  createdAt: Date;
  ageSeconds: number;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
}

export async function listUndeliveredHandoffs(ctx: ServiceContext, limit = 200): Promise<UndeliveredHandoff[]> {
  const rows = await ctx.db
    .select({
      handoff: workflowHandoffs,
      customerName: customers.name,
      ageSeconds: sql<number>`floor(extract(epoch from now() - ${workflowHandoffs.createdAt}))::int`,
    })
    .from(workflowHandoffs)
    .innerJoin(customers, eq(customers.id, workflowHandoffs.customerId))
    .where(isNull(workflowHandoffs.deliveredAt))
    .orderBy(asc(workflowHandoffs.id))
    .limit(limit);
  return rows.map(({ handoff, customerName, ageSeconds }) => ({
    key: handoff.key,
    customerId: handoff.customerId,
    customerName,
    kind: handoff.kind,
    summary: summaryOf(handoff.kind, handoff.payload),
    createdAt: handoff.createdAt,
    ageSeconds: Number(ageSeconds),
    attempts: handoff.attempts,
    nextAttemptAt: handoff.nextAttemptAt,
    lastError: handoff.lastError,
  }));
}

/** How many hand-offs wait, and the age of the oldest, for the staff pages' warning line. */
export async function undeliveredHandoffCount(ctx: ServiceContext): Promise<{ count: number; oldestAgeSeconds: number | null }> {
  const [row] = await ctx.db
    .select({ count: count(), oldest: min(workflowHandoffs.createdAt) })
    .from(workflowHandoffs)
    .where(isNull(workflowHandoffs.deliveredAt));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { count: row?.count ?? 0, oldestAgeSeconds: oldest ? Math.max(0, Math.floor((Date.now() - oldest.getTime()) / 1000)) : null };
}

function summaryOf(kind: string, payload: unknown): string {
  const value = payload as { kind?: string; workflowId?: string; document?: string; documentId?: string };
  if (kind === 'workflow-start') return `start ${value.workflowId ?? 'a workflow'}`;
  if (value.kind === 'document-posted') return `${value.document} ${value.documentId} posted`;
  return value.kind ?? 'account fact';
}
