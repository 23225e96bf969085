// Shapes that cross the quote workflow/activity boundary and come back to services as answers.
// They travel as JSON in Temporal payloads: dates are ISO strings, no bigints.
import type { IsoDate } from '../billing/calendar.js';
import type { DecidedQuoteStatus, QuoteStatus } from '../billing/quotes/quote-lifecycle.js';

/** Where a decision came from: the customer portal, an email reply, staff, or the REST API. */
export type QuoteDecisionChannel = 'portal' | 'email' | 'staff' | 'api';

export interface QuoteDecided {
  quoteId: string;
  quoteNumber: string;
  status: DecidedQuoteStatus;
  /** The invoice an accepted quote became; null for a declined one. */
  invoice: { id: string; number: string } | null;
  /** The same decision had already been taken: nothing changed. */
  alreadyDecided: boolean;
}

/** What the quote workflow is started with: enough to answer and time its waits before any activity. */
export interface QuoteWorkflowInput {
  quoteId: string;
  quoteNumber: string;
  customerId: string;
  /** The last day the quote can be accepted; it is valid through that whole day, UTC. */
  validUntil: IsoDate;
}

/** The quote as the workflow's activities found it when marking it sent. */
export interface SentQuote {
  quoteId: string;
  status: QuoteStatus;
}
