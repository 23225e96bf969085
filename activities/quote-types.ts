// Shapes that cross the quote workflow/activity boundary and come back to services as answers.
// They travel as JSON in Temporal payloads: dates are ISO strings, no bigints.
import type { IsoDate } from '../billing/calendar.js';
import type { QuoteStatus } from '../billing/quotes/quote-lifecycle.js';

export type { QuoteDecided, QuoteDecisionChannel } from '../billing/quotes/quote-decided.js';

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
