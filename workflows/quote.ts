// One workflow per sent quote, id `quote/<quoteId>`: it emails the quote, waits for the customer's
// decision (an Update from the portal, an email reply, staff or the API), reminds the customer
// before the quote runs out, and expires it at the end of its last valid day. An accepted quote
// becomes an invoice with identical lines, which is emailed and reported to the account workflow.
import { ApplicationFailure, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BillingActivities } from '../activities/index.js';
import type { QuoteDecided, QuoteDecisionChannel, QuoteWorkflowInput, SentQuote } from '../activities/quote-types.js';
import { isoDateFromEpochMs } from '../billing/calendar.js';
import { answerDecision, mayTake, statusAfter, type QuoteDecision, type QuoteStatus, type QuoteStep } from '../billing/quotes/quote-lifecycle.js';
import { hasRunOutAt, reminderDueMs, validityEndMs } from '../billing/quotes/quote-timing.js';
import { notifyAccountUnlessHandedOff } from './notify-account.js';
import {
  QUOTE_DECISION_REFUSED,
  acceptQuoteUpdate,
  declineQuoteUpdate,
  quoteStatusQuery,
  type QuoteDecisionRequest,
  type QuoteStatusView,
} from './quote-messages.js';

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
    validator: (_request: QuoteDecisionRequest) => refuseUnlessOpen(state, input, 'accept'),
  });
  setHandler(declineQuoteUpdate, ({ via }) => decide(state, input, 'decline', via), {
    validator: (_request: QuoteDecisionRequest) => refuseUnlessOpen(state, input, 'decline'),
  });

  const sent = await activities.markQuoteSent(input.quoteId);
  if (sent.status === 'sent') {
    await emailAndWait(state, input, remindAtMs, endMs);
  } else {
    // Closed before this run began waiting: by a decision of this run taken while the email was
    // about to go out (the service marks the quote sent before this activity reads it), or by
    // another path. An accepted quote's invoice is delivered all the same.
    await closeFromRecord(state, input, sent.status);
  }
  if (state.decision?.status === 'accepted' && state.decision.invoice) await deliverInvoice(input, state.decision.invoice.id);
  await condition(allHandlersFinished);
  return view();
}

/** Emails the quote, reminds the customer, and expires it unless a decision is recorded first. */
async function emailAndWait(state: QuoteState, input: QuoteWorkflowInput, remindAtMs: number, endMs: number): Promise<void> {
  if (state.phase === 'sending') state.phase = 'waiting';
  await activities.emailQuote(input.quoteId, 'sent');

  // Decided means recorded: a decision still being written may yet be refused by the record.
  const decided = () => state.decision !== null;
  if (!(await waitUntil(decided, remindAtMs)) && allows(state.phase, 'remind')) {
    await activities.emailQuote(input.quoteId, 'reminder');
    state.reminded = true;
  }
  while (!(await waitUntil(decided, endMs))) {
    if (allows(state.phase, 'expire')) {
      // Synchronously, before the activity: from here on the validators refuse every decision.
      state.phase = 'expired';
      await activities.expireQuote(input.quoteId);
      return;
    }
    // Asked for in time and being recorded as the quote runs out: it finishes (or fails) first.
    await condition(() => decided() || allows(state.phase, 'expire'));
  }
}

/** Waits for `done` until the instant `atMs` (workflow time); true when `done` came first. */
async function waitUntil(done: () => boolean, atMs: number): Promise<boolean> {
  const remaining = atMs - Date.now();
  if (done() || remaining <= 0) return done();
  return condition(done, remaining);
}

/** The quote's status as this run knows it; null while a decision is being recorded (the record may yet refuse it). */
function statusOf(phase: Phase): QuoteStatus | null {
  switch (phase) {
    case 'sending':
    case 'waiting':
      return 'sent';
    case 'accepting':
    case 'declining':
      return null;
    default:
      return phase;
  }
}

const isDeciding = (phase: Phase): boolean => statusOf(phase) === null;

/** Whether the quote, as this run knows it, allows `step` now. */
function allows(phase: Phase, step: QuoteStep): boolean {
  const status = statusOf(phase);
  return status !== null && mayTake(status, step);
}

/** The quote's answer to `decision` when its status is `status`. */
const answerAs = (input: QuoteWorkflowInput, status: QuoteStatus, decision: QuoteDecision) =>
  answerDecision({ number: input.quoteNumber, status, validUntil: input.validUntil }, decision);

/**
 * The decision an update asks for, taken once. One asked while another is being recorded waits for
 * it: a recorded decision of the same kind is its answer (`alreadyDecided`), one of the other kind
 * refuses it; an attempt that ended without a decision lets it try itself (and be refused the same
 * way if the record still says no).
 * Invariant kept by every writer of `state`: phase accepted or declined means `decision` is set.
 */
async function decide(state: QuoteState, input: QuoteWorkflowInput, decision: QuoteDecision, via: QuoteDecisionChannel): Promise<QuoteDecided> {
  for (;;) {
    if (state.decision) {
      const answer = answerAs(input, state.decision.status, decision);
      if (answer.kind === 'refuse') throw refused(answer.reason);
      return { ...state.decision, alreadyDecided: true };
    }
    const status = statusOf(state.phase);
    if (status !== null) {
      const answer = answerAs(input, status, decision);
      if (answer.kind === 'refuse') throw refused(answer.reason);
      return take(state, input, decision, via);
    }
    // Another decision is being recorded: it either is (then answered above) or fails (then retried).
    await condition(() => state.decision !== null || !isDeciding(state.phase));
  }
}

async function take(state: QuoteState, input: QuoteWorkflowInput, decision: QuoteDecision, via: QuoteDecisionChannel): Promise<QuoteDecided> {
  state.phase = decision === 'accept' ? 'accepting' : 'declining';
  let decided: QuoteDecided;
  try {
    decided =
      decision === 'accept'
        ? await activities.acceptQuote(input.quoteId, via, isoDateFromEpochMs(Date.now()))
        : await activities.declineQuote(input.quoteId, via);
  } catch (error) {
    // The record refused it (activities retry everything else): the quote waits on, undecided,
    // and a repeat waiting for this attempt tries itself.
    state.phase = 'waiting';
    throw error;
  }
  // A retried activity may find its own earlier commit; for the one who decided, it is new.
  state.decision = { ...decided, alreadyDecided: false };
  state.phase = decided.status;
  return state.decision;
}

/**
 * The record closed the quote before this run waited for it. A decision of this run still being
 * recorded finishes first; otherwise the record's decision becomes this run's, so that repeats are
 * answered with it and an acceptance's invoice is delivered.
 */
async function closeFromRecord(state: QuoteState, input: QuoteWorkflowInput, status: SentQuote['status']): Promise<void> {
  await condition(() => !isDeciding(state.phase));
  if (state.decision) return;
  if (status === 'accepted') {
    // Synchronously first: from here on every decision waits for this answer.
    state.phase = 'accepting';
    // The quote is already accepted, so this only reads back the invoice it became (issuing none).
    const recorded = await activities.acceptQuote(input.quoteId, 'staff', isoDateFromEpochMs(Date.now()));
    state.decision = { ...recorded, alreadyDecided: true };
    state.phase = 'accepted';
  } else if (status === 'declined') {
    state.decision = { quoteId: input.quoteId, quoteNumber: input.quoteNumber, status: 'declined', invoice: null, alreadyDecided: true };
    state.phase = 'declined';
  } else {
    state.phase = 'expired';
  }
}

/**
 * The validator: refuses, with a sentence for the customer, a decision the quote no longer allows.
 * The same decision again passes, and is answered with the first one. While a decision is being
 * recorded every decision passes and waits for its outcome (decide): the record may yet refuse it,
 * so refusing now would give a reason that may turn out false, and whether a decision is taken
 * would depend on when it arrives.
 */
function refuseUnlessOpen(state: QuoteState, input: QuoteWorkflowInput, decision: QuoteDecision): void {
  const status = statusOf(state.phase);
  if (status === null) return;
  // A sent quote past its last day is expired already, though its timer may not have fired yet.
  const current = status === 'sent' && hasRunOutAt(input.validUntil, Date.now()) ? statusAfter('expire') : status;
  const answer = answerAs(input, current, decision);
  if (answer.kind === 'refuse') throw refused(answer.reason);
}

/** A decision refused, in the customer's words; services answer it as a conflict. */
function refused(reason: string): ApplicationFailure {
  return ApplicationFailure.create({ message: reason, type: QUOTE_DECISION_REFUSED, nonRetryable: true });
}

/** The accepted quote's invoice goes to the customer, with a confirmation (the account learns of it by hand-off). */
async function deliverInvoice(input: QuoteWorkflowInput, invoiceId: string): Promise<void> {
  await activities.emailInvoice(invoiceId);
  await activities.emailQuoteAccepted(input.quoteId);
  await notifyAccountUnlessHandedOff(input.customerId, () => activities.postedDocument('invoice', invoiceId));
}
