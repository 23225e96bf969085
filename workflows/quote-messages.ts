// The one place that names the quote workflow's messages. Services, the portal and inbound mail use
// these objects, never strings.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../billing/calendar.js';
import type { QuoteStatus } from '../billing/quotes/quote-lifecycle.js';
import type { QuoteDecided, QuoteDecisionChannel } from '../activities/quote-types.js';

export const quoteWorkflowId = (quoteId: string): string => `quote/${quoteId}`;

export interface QuoteDecisionRequest {
  via: QuoteDecisionChannel;
}

/**
 * The customer (or staff for them) accepts: the quote becomes an invoice. Its validator refuses a
 * quote that expired or was declined, with a sentence for people; accepting again answers the first
 * acceptance with `alreadyDecided: true`.
 */
export const acceptQuoteUpdate = defineUpdate<QuoteDecided, [QuoteDecisionRequest]>('acceptQuote');
/** The customer declines. Refused for a quote that expired or was accepted; declining again changes nothing. */
export const declineQuoteUpdate = defineUpdate<QuoteDecided, [QuoteDecisionRequest]>('declineQuote');

/** Where the quote's workflow is: waiting, decided, or expired, and whether the reminder went out. */
export interface QuoteStatusView {
  quoteId: string;
  quoteNumber: string;
  /** Sending and waiting stand for a sent quote; accepting and declining for a decision being recorded. */
  phase: 'sending' | 'waiting' | 'accepting' | 'declining' | Exclude<QuoteStatus, 'draft' | 'sent'>;
  validUntil: IsoDate;
  /** When the reminder is (or was) due, as an ISO instant. */
  reminderDueAt: string;
  reminded: boolean;
  decision: QuoteDecided | null;
}

export const quoteStatusQuery = defineQuery<QuoteStatusView>('quoteStatus');

/** The failure type a validator refuses a decision with; services answer it as a conflict (409). */
export const QUOTE_DECISION_REFUSED = 'QuoteDecisionRefused';
