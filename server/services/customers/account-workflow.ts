import type { WorkflowHandle } from '@temporalio/client';
import { customerAccount } from '../../../workflows/customer-account.js';
import {
  AccountStatusAttribute,
  CustomerIdAttribute,
  TASK_QUEUE,
  customerWorkflowId,
} from '../../../workflows/messages.js';
import type { ServiceContext } from '../context.js';

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
