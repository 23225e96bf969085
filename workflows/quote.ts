// One workflow per sent quote, id `quote/<quoteId>`: it emails the quote, waits for the customer's
// decision (an Update from the portal, an email reply, staff or the API), reminds the customer
// before the quote runs out, and expires it at the end of its last valid day. An accepted quote
// becomes an invoice with identical lines, which is emailed and reported to the account workflow.
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BillingActivities } from '../activities/index.js';
import type { QuoteDecided, QuoteDecision, QuoteDecisionChannel, QuoteWorkflowInput } from '../activities/quote-types.js';
import { isoDateFromEpochMs } from '../billing/calendar.js';
import { notifyAccount } from './notify-account.js';
import {
  QUOTE_DECISION_REFUSED,
  acceptQuoteUpdate,
  declineQuoteUpdate,
  quoteStatusQuery,
  type QuoteDecisionRequest,
  type QuoteStatusView,
} from './quote-messages.js';
import { reminderDueMs, validityEndMs } from './quote-timing.js';

// Every side effect is idempotent (emails keyed by quote, the invoice set once under a row lock),
// so activities retry until they succeed; staff see a failing one in the Temporal Web UI.
const activities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

type Phase = QuoteStatusView['phase'];

interface QuoteState {
  phase: Phase;
  reminded: boolean;
  /** The first decision taken, once its activity has committed it. */
  decision: QuoteDecided | null;
}

export async function quoteWorkflow(input: QuoteWorkflowInput): Promise<QuoteStatusView> {
  const state: QuoteState = { phase: 'sending', reminded: false, decision: null };
  const endMs = validityEndMs(input.validUntil);
  const remindAtMs = reminderDueMs(Date.now(), input.validUntil);
  const view = (): QuoteStatusView => ({
    quoteId: input.quoteId,
    quoteNumber: input.quoteNumber,
    phase: state.phase,
    validUntil: input.validUntil,
    reminderDueAt: new Date(remindAtMs).toISOString(),
    reminded: state.reminded,
    decision: state.decision,
  });

  // Handlers first, before any activity: a customer may answer while the email is still going out.
  setHandler(quoteStatusQuery, view);
  setHandler(acceptQuoteUpdate, ({ via }) => decide(state, input, 'accept', via), {
    validator: (_request: QuoteDecisionRequest) => refuseUnlessOpen(state, input, endMs, 'accept'),
  });
  setHandler(declineQuoteUpdate, ({ via }) => decide(state, input, 'decline', via), {
    validator: (_request: QuoteDecisionRequest) => refuseUnlessOpen(state, input, endMs, 'decline'),
  });

  const sent = await activities.markQuoteSent(input.quoteId);
  if (sent.status !== 'sent') {
    // Decided or expired before this run (nothing else should start one then): nothing to wait for.
    state.phase = sent.status === 'accepted' || sent.status === 'declined' || sent.status === 'expired' ? sent.status : 'expired';
    await condition(allHandlersFinished);
    return view();
  }
  if (state.phase === 'sending') state.phase = 'waiting';
  await activities.emailQuote(input.quoteId, 'sent');

  // Decided means recorded: a decision still being written may yet be refused by the record.
  const decided = () => state.decision !== null;
  const open = () => state.phase === 'waiting' || state.phase === 'sending';
  if (!(await waitUntil(decided, remindAtMs)) && open()) {
    await activities.emailQuote(input.quoteId, 'reminder');
    state.reminded = true;
  }
  while (!(await waitUntil(decided, endMs))) {
    if (open()) {
      // Synchronously, before the activity: from here on the validators refuse every decision.
      state.phase = 'expired';
      await activities.expireQuote(input.quoteId);
      break;
    }
    // Asked for in time and being recorded as the quote runs out: it finishes (or fails) first.
    await condition(() => decided() || open());
  }
  if (state.decision?.status === 'accepted' && state.decision.invoice) await deliverInvoice(input, state.decision.invoice.id);
  await condition(allHandlersFinished);
  return view();
}

/** Waits for `done` until the instant `atMs` (workflow time); true when `done` came first. */
async function waitUntil(done: () => boolean, atMs: number): Promise<boolean> {
  const remaining = atMs - Date.now();
  if (done() || remaining <= 0) return done();
  return condition(done, remaining);
}

/** The decision an update asks for, taken once; a repeat waits for the first and answers with it. */
async function decide(state: QuoteState, input: QuoteWorkflowInput, decision: QuoteDecision, via: QuoteDecisionChannel): Promise<QuoteDecided> {
  if (state.phase !== 'waiting' && state.phase !== 'sending') {
    await condition(() => state.decision !== null);
    return { ...state.decision!, alreadyDecided: true };
  }
  state.phase = decision === 'accept' ? 'accepting' : 'declining';
  let decided: QuoteDecided;
  try {
    decided =
      decision === 'accept'
        ? await activities.acceptQuote(input.quoteId, via, isoDateFromEpochMs(Date.now()))
        : await activities.declineQuote(input.quoteId, via);
  } catch (error) {
    // The record refused it (activities retry everything else): the quote waits on, undecided.
    state.phase = 'waiting';
    throw error;
  }
  // A retried activity may find its own earlier commit; for the one who decided, it is new.
  state.decision = { ...decided, alreadyDecided: false };
  state.phase = decided.status;
  return state.decision;
}

/**
 * The validator: refuses, with a sentence for the customer, a decision the quote no longer allows.
 * The same decision again passes, and is answered with the first one.
 */
function refuseUnlessOpen(state: QuoteState, input: QuoteWorkflowInput, endMs: number, decision: QuoteDecision): void {
  const verb = decision === 'accept' ? 'accepted' : 'declined';
  const taken = state.phase === 'accepting' || state.phase === 'accepted' ? 'accept' : state.phase === 'declining' || state.phase === 'declined' ? 'decline' : null;
  if (taken === decision) return;
  if (taken !== null) {
    const was = taken === 'accept' ? 'was accepted' : 'was declined';
    throw ApplicationFailure.create({ message: `Quote ${input.quoteNumber} ${was}; it can no longer be ${verb}.`, type: QUOTE_DECISION_REFUSED, nonRetryable: true });
  }
  if (state.phase === 'expired' || Date.now() >= endMs) {
    throw ApplicationFailure.create({
      message: `Quote ${input.quoteNumber} expired on ${input.validUntil}; it can no longer be ${verb}.`,
      type: QUOTE_DECISION_REFUSED,
      nonRetryable: true,
    });
  }
}

/** The accepted quote's invoice goes to the customer, with a confirmation, and to the account workflow. */
async function deliverInvoice(input: QuoteWorkflowInput, invoiceId: string): Promise<void> {
  await activities.emailInvoice(invoiceId);
  await activities.emailQuoteAccepted(input.quoteId);
  const posted = await activities.postedDocument('invoice', invoiceId);
  await notifyAccount(input.customerId, posted);
}
