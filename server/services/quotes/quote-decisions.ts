// A customer's (or staff's) answer to a quote. A quote that is still waiting is decided by its
// workflow, through an Update whose validator refuses what the quote no longer allows; a quote
// whose workflow has ended is answered from the database, which holds how it ended.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcDeadlineError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isoDateFromEpochMs } from '../../../billing/calendar.js';
import type { QuoteDecided, QuoteDecisionChannel } from '../../../billing/quotes/quote-decided.js';
import { answerDecision, mayTake, statusAfter, type QuoteDecision } from '../../../billing/quotes/quote-lifecycle.js';
import { QUOTE_DECISION_REFUSED, acceptQuoteUpdate, declineQuoteUpdate, quoteWorkflowId } from '../../../workflows/quote-messages.js';
import type { ServiceContext } from '../context.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { getQuote, sendQuote, type QuoteView } from './quotes.js';

export type { QuoteDecided, QuoteDecisionChannel } from '../../../billing/quotes/quote-decided.js';
export type { QuoteDecision } from '../../../billing/quotes/quote-lifecycle.js';

export interface QuoteDecisionInput {
  quoteId: string;
  decision: QuoteDecision;
  via: QuoteDecisionChannel;
  /** When a customer acts: the quote must be theirs, or it does not exist for them. */
  customerId?: string;
}

/**
 * How long a decision may take before the caller is told to try again. The workflow's activity
 * retries for as long as the database is down, and a portal page, an API call or an inbound
 * email must not hang on it.
 */
export const DECISION_DEADLINE_MS = 20_000;

/** The decision could not be recorded in time; trying again is safe. Not a refusal (no 409): a 500-class error. */
export const DECISION_TIMED_OUT = 'The quote could not be decided right now; try again in a few minutes.';

export interface DecideQuoteOptions {
  /** Overrides DECISION_DEADLINE_MS (tests). */
  deadlineMs?: number;
}

/**
 * Accepts or declines. An expired, declined (for accept), accepted (for decline) or unsent quote
 * throws ConflictError with a sentence for people; the same decision twice returns the first
 * result with `alreadyDecided: true`.
 *
 * When the workflow does not record the decision within the deadline it throws a plain Error
 * (DECISION_TIMED_OUT), which callers answer as retryable. Nothing is half-done then: the Update
 * the workflow admitted either commits later or is refused, so a retry answers with that
 * decision (`alreadyDecided: true`) or with the refusal.
 */
export async function decideQuote(ctx: ServiceContext, input: QuoteDecisionInput, options: DecideQuoteOptions = {}): Promise<QuoteDecided> {
  const scope = input.customerId === undefined ? undefined : { customerId: input.customerId };
  const quote = await getQuote(ctx, input.quoteId, scope);
  // A draft is not the customer's to see yet: for them it does not exist.
  if (scope && quote.status === 'draft') throw new NotFoundError('quote', input.quoteId);
  if (!mayTake(quote.status, input.decision)) return answerFromRecord(quote, input.decision);
  const deadlineMs = options.deadlineMs ?? DECISION_DEADLINE_MS;
  try {
    return await updateWorkflow(ctx, quote.id, input, deadlineMs);
  } catch (error) {
    if (!workflowGone(error)) throw error;
    // The workflow ended between our read and the update (it expired just now): the record says how.
    const now = await getQuote(ctx, input.quoteId, scope);
    if (!mayTake(now.status, input.decision)) return answerFromRecord(now, input.decision);
    // Still sent, with no workflow (staff terminated it): sending again restarts it (the quote's
    // email is keyed, so it is not emailed twice), and the decision is asked of it once more.
    await sendQuote(ctx, quote.id);
    return updateWorkflow(ctx, quote.id, input, deadlineMs);
  }
}

async function updateWorkflow(ctx: ServiceContext, quoteId: string, input: QuoteDecisionInput, deadlineMs: number): Promise<QuoteDecided> {
  try {
    return await ctx.temporal.connection.withDeadline(Date.now() + deadlineMs, () => {
      const handle = ctx.temporal.workflow.getHandle(quoteWorkflowId(quoteId));
      const update = input.decision === 'accept' ? acceptQuoteUpdate : declineQuoteUpdate;
      return handle.executeUpdate(update, { args: [{ via: input.via }] });
    });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) throw new ConflictError(refusal);
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(error)) throw new Error(DECISION_TIMED_OUT, { cause: error });
    throw error;
  }
}

/** The answer for a quote that is not waiting for a decision: the earlier one, or why not. */
function answerFromRecord(quote: QuoteView, decision: QuoteDecision): QuoteDecided {
  const decidedOn = quote.decidedAt ? isoDateFromEpochMs(quote.decidedAt.getTime()) : null;
  const answer = answerDecision({ ...quote, decidedOn }, decision);
  switch (answer.kind) {
    case 'repeat':
      return { quoteId: quote.id, quoteNumber: quote.number, status: statusAfter(decision), invoice: quote.invoice, alreadyDecided: true };
    case 'refuse':
      throw new ConflictError(answer.reason);
    case 'take':
      throw new Error(`quote ${quote.number} is ${quote.status}, which has no recorded answer`);
  }
}

/** The validator's sentence when the workflow refused the decision. */
function refusalOf(error: unknown): string | null {
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.type === QUOTE_DECISION_REFUSED) return cause.message;
  // An activity refusal (the row said no) arrives wrapped once more.
  const inner = cause?.cause;
  if (inner instanceof ApplicationFailure && inner.type === QUOTE_DECISION_REFUSED) return inner.message;
  return null;
}

function workflowGone(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  // An Update sent to a workflow that has already completed is refused with this message.
  return error instanceof Error && /workflow execution already completed/i.test(error.message);
}
