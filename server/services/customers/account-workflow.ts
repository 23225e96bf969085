import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { customerAccount } from '../../../workflows/customer-account.js';
import {
  AccountStatusAttribute,
  CANCELLATION_REFUSED,
  CustomerIdAttribute,
  PLAN_CHANGE_REFUSED,
  RESUME_BILLING_REFUSED,
  TASK_QUEUE,
  customerWorkflowId,
} from '../../../workflows/messages.js';
import type { ServiceContext } from '../context.js';
import { ConflictError } from '../errors.js';

/**
 * Starts the customer's account workflow, or finds the one already running: safe to call any
 * number of times, which is what lets boot-time reconciliation and retried requests use it.
 */
export async function ensureAccountWorkflow(
  ctx: ServiceContext,
  customerId: string,
): Promise<WorkflowHandle<typeof customerAccount>> {
  return ctx.temporal.workflow.start(customerAccount, {
    workflowId: customerWorkflowId(customerId),
    taskQueue: TASK_QUEUE,
    args: [{ customerId }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [
      { key: CustomerIdAttribute, value: customerId },
      { key: AccountStatusAttribute, value: 'pending' },
    ],
  });
}

export function accountWorkflow(ctx: ServiceContext, customerId: string): WorkflowHandle<typeof customerAccount> {
  return ctx.temporal.workflow.getHandle(customerWorkflowId(customerId));
}

/** An account workflow that answers no sooner is reported, not waited on forever. */
const UPDATE_DEADLINE_MS = 20_000;

/** The failure types the account workflow's Update validators refuse with. */
const REFUSALS: readonly string[] = [PLAN_CHANGE_REFUSED, CANCELLATION_REFUSED, RESUME_BILLING_REFUSED];

/**
 * Sends an Update to the customer's account workflow and waits for its answer. A refusal by its
 * validator becomes a ConflictError carrying the sentence for people.
 */
export async function askAccount<T>(
  ctx: ServiceContext,
  customerId: string,
  update: (handle: WorkflowHandle<typeof customerAccount>) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.temporal.connection.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => update(accountWorkflow(ctx, customerId)));
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) throw new ConflictError(refusal);
    if (error instanceof WorkflowNotFoundError) {
      throw new ConflictError("The account's workflow is not running yet; nothing was changed. Try again in a moment.");
    }
    throw error;
  }
}

/** The validator's sentence when the workflow refused the Update. */
function refusalOf(error: unknown): string | null {
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause;
  return cause instanceof ApplicationFailure && cause.type && REFUSALS.includes(cause.type) ? cause.message : null;
}
