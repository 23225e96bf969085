// Delivers hand-offs from the outbox to Temporal. A hand-off is claimed with a short lease (so
// several processes can deliver side by side, and one that dies mid-delivery only delays it),
// delivered outside any transaction, then marked delivered or given a later attempt. Delivery is
// at least once: a workflow start finds the run already there, and the account workflow applies
// each sequence once.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { AccountFact } from '../../../billing/handoffs/account-handoffs.js';
import type { WorkflowStart } from '../../../db/records/handoffs.js';
import { customers, workflowHandoffs } from '../../../db/schema.js';
import { customerAccount } from '../../../workflows/customer-account.js';
import { AccountStatusAttribute, CustomerIdAttribute, TASK_QUEUE, accountHandoffSignal, customerWorkflowId } from '../../../workflows/messages.js';
import type { ServiceContext } from '../context.js';

/** How long a claimed hand-off is left to its deliverer before another may try. */
const LEASE_SECONDS = 30;
/** Temporal gets this long per delivery, so an unreachable server fails fast and is retried later. */
const DELIVERY_DEADLINE_MS = 10_000;
/**
 * Backoff after a failed attempt: doubling from 1 s, at most 30 s, so a Temporal that comes back
 * hears of everything within half a minute; the relay then brings the rest forward at once.
 */
export const retryDelaySeconds = (attempts: number): number => Math.min(30, 2 ** Math.max(0, attempts - 1));

type ClaimedHandoff = typeof workflowHandoffs.$inferSelect & { customerStatus: string };

export interface DeliveryOutcome {
  delivered: number;
  failed: number;
  /** The last failure's message, for a log line; null when everything went. */
  lastError: string | null;
}

/** Delivers due hand-offs: all due ones (up to `limit`), or only those with the given keys. */
export async function deliverHandoffs(ctx: ServiceContext, options: { keys?: string[]; limit?: number } = {}): Promise<DeliveryOutcome> {
  const claimed = await claimDue(ctx, options);
  const outcome: DeliveryOutcome = { delivered: 0, failed: 0, lastError: null };
  for (const handoff of claimed) {
    try {
      await ctx.temporal.connection.withDeadline(Date.now() + DELIVERY_DEADLINE_MS, () => deliver(ctx, handoff));
      await ctx.db.update(workflowHandoffs).set({ deliveredAt: sql`now()`, lastError: null }).where(eq(workflowHandoffs.id, handoff.id));
      outcome.delivered += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await ctx.db
        .update(workflowHandoffs)
        .set({ lastError: message.slice(0, 500), nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(handoff.attempts)})` })
        .where(eq(workflowHandoffs.id, handoff.id));
      outcome.failed += 1;
      outcome.lastError = message;
    }
  }
  return outcome;
}

/** After Temporal took a hand-off again: everything backing off from the outage is due now. */
export async function retryFailedHandoffsNow(ctx: ServiceContext): Promise<void> {
  await ctx.db
    .update(workflowHandoffs)
    .set({ nextAttemptAt: sql`now()` })
    .where(and(isNull(workflowHandoffs.deliveredAt), isNotNull(workflowHandoffs.lastError), gt(workflowHandoffs.nextAttemptAt, sql`now()`)));
}

/**
 * Delivers the hand-offs a request has just committed, at once, so its caller sees the workflow
 * act; whatever fails here stays in the outbox for the relay. Never throws: the change is committed.
 */
export async function deliverCommittedHandoffs(ctx: ServiceContext, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await deliverHandoffs(ctx, { keys }).catch(() => undefined);
}

async function claimDue(ctx: ServiceContext, options: { keys?: string[]; limit?: number }): Promise<ClaimedHandoff[]> {
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: workflowHandoffs.id })
      .from(workflowHandoffs)
      .where(
        and(
          isNull(workflowHandoffs.deliveredAt),
          lte(workflowHandoffs.nextAttemptAt, sql`now()`),
          options.keys ? inArray(workflowHandoffs.key, options.keys) : undefined,
        ),
      )
      .orderBy(asc(workflowHandoffs.id))
      .limit(options.limit ?? 100)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    await tx
      .update(workflowHandoffs)
      .set({ attempts: sql`${workflowHandoffs.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(inArray(workflowHandoffs.id, ids));
    const rows = await tx
      .select({ handoff: workflowHandoffs, customerStatus: customers.status })
      .from(workflowHandoffs)
      .innerJoin(customers, eq(customers.id, workflowHandoffs.customerId))
      .where(inArray(workflowHandoffs.id, ids))
      .orderBy(asc(workflowHandoffs.id));
    return rows.map((row) => ({ ...row.handoff, customerStatus: row.customerStatus }));
  });
}

async function deliver(ctx: ServiceContext, handoff: ClaimedHandoff): Promise<void> {
  if (handoff.kind === 'workflow-start') return startWorkflow(ctx, handoff.customerId, handoff.payload as WorkflowStart);
  if (handoff.sequence === null) throw new Error(`account hand-off ${handoff.key} has no sequence`);
  return signalAccount(ctx, handoff, { sequence: handoff.sequence, fact: handoff.payload as AccountFact });
}

async function startWorkflow(ctx: ServiceContext, customerId: string, start: WorkflowStart): Promise<void> {
  try {
    await ctx.temporal.workflow.start(start.workflowType, {
      workflowId: start.workflowId,
      taskQueue: TASK_QUEUE,
      args: start.args,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      // Staff find every workflow of a customer by it in the Temporal Web UI.
      typedSearchAttributes: [{ key: CustomerIdAttribute, value: customerId }],
    });
  } catch (error) {
    // A completed run with this id: it did its work, the start has nothing more to do.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

async function signalAccount(ctx: ServiceContext, handoff: ClaimedHandoff, message: { sequence: number; fact: AccountFact }): Promise<void> {
  const workflowId = customerWorkflowId(handoff.customerId);
  if (handoff.customerStatus === 'cancelled') {
    // A closed account's workflow has finished; a new run must not be started for it.
    try {
      await ctx.temporal.workflow.getHandle(workflowId).signal(accountHandoffSignal, message);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    return;
  }
  // Starts the account's workflow if it is not running yet (a customer just created), else signals it.
  await ctx.temporal.workflow.signalWithStart(customerAccount, {
    workflowId,
    taskQueue: TASK_QUEUE,
    args: [{ customerId: handoff.customerId }],
    signal: accountHandoffSignal,
    signalArgs: [message],
    typedSearchAttributes: [
      { key: CustomerIdAttribute, value: handoff.customerId },
      { key: AccountStatusAttribute, value: 'pending' },
    ],
  });
}
