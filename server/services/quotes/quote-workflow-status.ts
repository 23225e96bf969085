// The live state of a quote's workflow (its `quoteStatus` query): when the reminder is due, and
// whether it went out. Like the account's, the query has a deadline and a failure becomes a
// reason, so a page never hangs on a busy Temporal.
import { WorkflowNotFoundError } from '@temporalio/client';
import { quoteStatusQuery, quoteWorkflowId, type QuoteStatusView } from '../../../workflows/quote-messages.js';
import type { ServiceContext } from '../context.js';

export type QuoteWorkflowStatus = { available: true; status: QuoteStatusView } | { available: false; reason: string };

const QUERY_DEADLINE_MS = 5_000;

export async function queryQuoteWorkflow(ctx: ServiceContext, quoteId: string): Promise<QuoteWorkflowStatus> {
  const handle = ctx.temporal.workflow.getHandle(quoteWorkflowId(quoteId));
  try {
    return await ctx.temporal.connection.withDeadline(Date.now() + QUERY_DEADLINE_MS, async () => {
      const description = await handle.describe();
      if (description.status.name !== 'RUNNING') return { available: false, reason: `the workflow is ${description.status.name.toLowerCase()}` } as const;
      return { available: true, status: await handle.query(quoteStatusQuery) } as const;
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { available: false, reason: 'the quote has not been sent, so it has no workflow' };
    return { available: false, reason: `Temporal did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
