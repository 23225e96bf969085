// The signals a customer's workflow has received, over every run (it continues as new after each
// billing cycle), read from Temporal's event history: proof that a refused action never reached it.
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { ServiceContext } from '../../server/services/context.js';
import { customerWorkflowId } from '../../workflows/messages.js';

export async function signalsReceived(ctx: ServiceContext, customerId: string): Promise<string[]> {
  const workflowId = customerWorkflowId(customerId);
  const signals: string[] = [];
  let runId: string | null | undefined = (await ctx.temporal.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history: History = await ctx.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    signals.push(...events.flatMap((event) => event.workflowExecutionSignaledEventAttributes?.signalName ?? []));
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
  }
  return signals;
}
