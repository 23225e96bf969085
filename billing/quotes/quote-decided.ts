// The answer to a decision on a quote, as the quote workflow's Update returns it and services
// pass it on. It travels as JSON in Temporal payloads: no bigints, no Dates.
import type { DecidedQuoteStatus } from './quote-lifecycle.js';

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
