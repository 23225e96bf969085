// A quote's life as a small state machine. Staff send a draft; the sent quote waits for its
// customer, who accepts or declines it; it is reminded once before it runs out, and expires at the
// end of its last valid day. Which status allows which step, and the sentence that refuses a step
// a quote no longer allows, are decided here and nowhere else.
import type { IsoDate } from '../calendar.js';
import { hasRunOutOn } from './quote-timing.js';

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** The statuses a customer's decision leaves. */
export const DECIDED_QUOTE_STATUSES = ['accepted', 'declined'] as const satisfies readonly QuoteStatus[];
export type DecidedQuoteStatus = (typeof DECIDED_QUOTE_STATUSES)[number];

export type QuoteDecision = 'accept' | 'decline';
export type QuoteStep = 'send' | QuoteDecision | 'remind' | 'expire';

/** The statuses each step may be taken from, and the status it leaves. */
const STEPS = {
  // Sending a quote that waits for its customer again changes nothing.
  send: { from: ['draft', 'sent'], to: 'sent' },
  accept: { from: ['sent'], to: 'accepted' },
  decline: { from: ['sent'], to: 'declined' },
  remind: { from: ['sent'], to: 'sent' },
  expire: { from: ['sent'], to: 'expired' },
} as const satisfies Record<QuoteStep, { from: readonly QuoteStatus[]; to: QuoteStatus }>;

type StepTarget<S extends QuoteStep> = (typeof STEPS)[S]['to'];

export function mayTake(status: QuoteStatus, step: QuoteStep): boolean {
  return (STEPS[step].from as readonly QuoteStatus[]).includes(status);
}

/** The statuses `step` changes: those it may be taken from but the one it leads to (for a conditional update). */
export function statusesChangedBy(step: QuoteStep): QuoteStatus[] {
  return STEPS[step].from.filter((status) => status !== STEPS[step].to);
}

export function statusAfter<S extends QuoteStep>(step: S): StepTarget<S> {
  return STEPS[step].to;
}

/**
 * The status a quote's own workflow acts on, from the one recorded. The workflow is started before
 * the quote is marked sent, so a draft it finds is a quote being sent.
 */
export function statusForItsWorkflow(recorded: QuoteStatus): QuoteStatus {
  return recorded === 'draft' ? statusAfter('send') : recorded;
}

/** What a quote knows when it answers a decision. */
export interface QuoteFacts {
  number: string;
  status: QuoteStatus;
  validUntil: IsoDate;
  /** The day it was accepted or declined, when known: the refusal names it. */
  decidedOn?: IsoDate | null;
}

/**
 * How a quote answers a decision: it takes it, answers it with the same decision taken earlier
 * (`repeat`), or refuses it with a sentence for people.
 */
export type DecisionAnswer = { kind: 'take' } | { kind: 'repeat' } | { kind: 'refuse'; reason: string };

export function answerDecision(quote: QuoteFacts, decision: QuoteDecision): DecisionAnswer {
  if (quote.status === statusAfter(decision)) return { kind: 'repeat' };
  if (mayTake(quote.status, decision)) return { kind: 'take' };
  return { kind: 'refuse', reason: decisionRefusal(quote, decision) };
}

function decisionRefusal(quote: QuoteFacts, decision: QuoteDecision): string {
  const verb = statusAfter(decision);
  switch (quote.status) {
    case 'draft':
      return `Quote ${quote.number} has not been sent yet; it cannot be ${verb}.`;
    case 'expired':
      return `Quote ${quote.number} expired on ${quote.validUntil}; it can no longer be ${verb}.`;
    case 'accepted':
    case 'declined':
      return `Quote ${quote.number} was ${quote.status}${quote.decidedOn ? ` on ${quote.decidedOn}` : ''}; it can no longer be ${verb}.`;
    case 'sent':
      throw new Error(`quote ${quote.number} is sent: it can be ${verb}, so there is no refusal`);
  }
}

/**
 * The sentence when the record itself refuses a decision that the quote's workflow let through:
 * the quote was closed behind the workflow's back (by hand, or by an earlier run). It names the
 * status the record holds.
 */
export function recordRefusal(number: string, recorded: QuoteStatus, decision: QuoteDecision): string {
  return `Quote ${number} is ${recorded}; it can no longer be ${statusAfter(decision)}.`;
}

/** Why the quote cannot be sent on `today`, or null when it can (again, while it waits). */
export function sendRefusal(quote: Omit<QuoteFacts, 'decidedOn'>, today: IsoDate): string | null {
  if (!mayTake(quote.status, 'send')) return `Quote ${quote.number} is already ${quote.status}; it cannot be sent again.`;
  if (hasRunOutOn(quote.validUntil, today)) {
    return `Quote ${quote.number} was valid until ${quote.validUntil}; it can no longer be sent. Create a new quote instead.`;
  }
  return null;
}
