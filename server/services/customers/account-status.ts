// The live state of a customer's account workflow, asked through its `status` query. The page or
// API answer must not hang on a busy or unreachable Temporal, so the query carries a deadline and
// a failure becomes an explanation instead of an error.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { AccountStatusView } from '../../../workflows/account-state.js';
import { statusQuery } from '../../../workflows/messages.js';
import { accountWorkflow } from './account-workflow.js';
import type { ServiceContext } from '../context.js';

export type WorkflowStatus =
  | { available: true; workflowId: string; runId: string | undefined; status: AccountStatusView }
  | { available: false; workflowId: string; reason: string };

const QUERY_DEADLINE_MS = 5_000;

export async function queryAccountStatus(ctx: ServiceContext, customerId: string): Promise<WorkflowStatus> {
  const handle = accountWorkflow(ctx, customerId);
  const workflowId = handle.workflowId;
  try {
    const deadline = new Date(Date.now() + QUERY_DEADLINE_MS);
    return await ctx.temporal.connection.withDeadline(deadline, async () => {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') {
        return { available: false, workflowId, reason: `the workflow is ${description.status.name.toLowerCase()}` } as const;
      }
      const status = await handle.query(statusQuery);
      return { available: true, workflowId, runId: description.runId, status } as const;
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { available: false, workflowId, reason: 'no workflow has been started for this account' };
    return { available: false, workflowId, reason: `Temporal did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
