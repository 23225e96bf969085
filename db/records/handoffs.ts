// Writing hand-offs into the outbox, inside the transaction that commits the change they tell.
// Write them last in the transaction: the per-account sequence row stays locked until commit, and
// a transaction that takes it last never waits on anything while holding it.
import { eq, sql } from 'drizzle-orm';
import type { AccountFact } from '../../billing/handoffs/account-handoffs.js';
import { accountHandoffSequences, workflowHandoffs } from '../schema.js';
import type { Transaction } from './transaction.js';

/** A workflow to start under its business id; starting it again finds the run already there. */
export interface WorkflowStart {
  workflowType: string;
  workflowId: string;
  args: unknown[];
  /** `failed-only`: a completed run is never started again, a failed or terminated one may be. */
  reusePolicy: 'failed-only';
}

/** The business key of a fact: the same fact handed off twice is stored (and numbered) once. */
export function accountFactKey(customerId: string, fact: AccountFact): string {
  switch (fact.kind) {
    case 'account-opened':
      return `account-opened:${customerId}`;
    case 'subscription-started':
      return `subscription-started:${fact.subscriptionId}`;
    case 'document-posted':
      return `document-posted:${fact.document}/${fact.documentId}`;
    case 'payment-received':
      return `payment-received:${fact.paymentId}`;
    case 'payment-failed':
      return `payment-failed:${fact.attemptId}/${fact.confirmation}`;
    case 'refund-issued':
      return `refund-issued:${fact.refundId}`;
    case 'card-updated':
      return `card-updated:${customerId}/${fact.change}`;
  }
}

/** Hands a fact to the customer's account workflow; a fact already handed off is not repeated. Returns its key. */
export async function handOffAccountFact(tx: Transaction, customerId: string, fact: AccountFact): Promise<string> {
  const key = accountFactKey(customerId, fact);
  const existing = await tx.select({ id: workflowHandoffs.id }).from(workflowHandoffs).where(eq(workflowHandoffs.key, key));
  if (existing.length > 0) return key;
  const [numbered] = await tx
    .insert(accountHandoffSequences)
    .values({ customerId, lastSequence: 1 })
    .onConflictDoUpdate({ target: accountHandoffSequences.customerId, set: { lastSequence: sql`${accountHandoffSequences.lastSequence} + 1` } })
    .returning({ sequence: accountHandoffSequences.lastSequence });
  if (!numbered) throw new Error('hand-off sequence was not taken');
  await tx.insert(workflowHandoffs).values({ key, customerId, kind: 'account-fact', sequence: numbered.sequence, payload: fact });
  return key;
}

export const workflowStartKey = (start: Pick<WorkflowStart, 'workflowId'>): string => `start:${start.workflowId}`;

/**
 * Hands over the start of a workflow (a document's delivery, a quote's life). Asking again for a
 * start already delivered delivers it again: harmless, since a start finds a running or completed
 * run, and it is how a run that staff terminated is started anew. Returns the key.
 */
export async function handOffWorkflowStart(tx: Transaction, customerId: string, start: WorkflowStart): Promise<string> {
  const key = workflowStartKey(start);
  await tx
    .insert(workflowHandoffs)
    .values({ key, customerId, kind: 'workflow-start', payload: start })
    .onConflictDoUpdate({
      target: workflowHandoffs.key,
      set: { deliveredAt: null, nextAttemptAt: sql`now()`, attempts: 0, lastError: null },
    });
  return key;
}
