import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { deliverDocument as deliverDocumentWorkflow, deliveryWorkflowId, type DocumentToDeliver } from '../../workflows/deliver-document.js';
import { TASK_QUEUE } from '../../workflows/messages.js';
import type { ServiceContext } from './context.js';

/**
 * Emails a posted one-off invoice or credit note and tells the account workflow, through a
 * workflow of its own so that retries, crashes and restarts deliver it exactly once. Safe to call
 * again: a second start finds the first.
 */
export async function deliverDocument(ctx: ServiceContext, document: DocumentToDeliver): Promise<void> {
  try {
    // By name, not by function: bundlers rename a function whose name clashes (this one's does),
    // and the workflow type is the function's name.
    await ctx.temporal.workflow.start<typeof deliverDocumentWorkflow>('deliverDocument', {
      workflowId: deliveryWorkflowId(document),
      taskQueue: TASK_QUEUE,
      args: [document],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // Only a delivery that failed or was terminated runs again; a completed one sent its email.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
