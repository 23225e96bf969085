// The quote's status changes other than acceptance, each a conditional update on the statuses
// billing/quotes allows it from, so that a retry, or a step that lost a race, changes nothing that
// was already decided.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray } from 'drizzle-orm';
import { QUOTE_STATUSES, mayTake, recordRefusal, statusAfter, statusForItsWorkflow, statusesChangedBy } from '../billing/quotes/quote-lifecycle.js';
import type { Database } from '../db/client.js';
import { markQuoteSent as markRecordSent } from '../db/records/quote-sent.js';
import { quotes } from '../db/schema.js';
import { QUOTE_DECISION_REFUSED } from '../workflows/quote-messages.js';
import type { QuoteDecided, QuoteDecisionChannel, SentQuote } from './quote-types.js';

/** A draft becomes sent (the service usually did it already); the quote's status as it now is. */
export async function markQuoteSent(db: Database, quoteId: string): Promise<SentQuote> {
  const status = await markRecordSent(db, quoteId);
  if (status === null) throw notFound(quoteId);
  return { quoteId, status };
}

/** The recorded statuses the workflow's decline may change. */
const DECLINABLE = QUOTE_STATUSES.filter((status) => mayTake(statusForItsWorkflow(status), 'decline'));

export async function declineQuote(db: Database, quoteId: string, via: QuoteDecisionChannel): Promise<QuoteDecided> {
  await db
    .update(quotes)
    .set({ status: statusAfter('decline'), decidedAt: new Date(), decidedVia: via })
    .where(and(eq(quotes.id, quoteId), inArray(quotes.status, DECLINABLE)));
  const quote = await findQuote(db, quoteId);
  if (quote.status !== statusAfter('decline')) {
    throw ApplicationFailure.nonRetryable(recordRefusal(quote.number, quote.status, 'decline'), QUOTE_DECISION_REFUSED);
  }
  return { quoteId, quoteNumber: quote.number, status: statusAfter('decline'), invoice: null, alreadyDecided: false };
}

/** At the end of its last valid day: only a quote still waiting for its customer expires. */
export async function expireQuote(db: Database, quoteId: string): Promise<SentQuote> {
  await db
    .update(quotes)
    .set({ status: statusAfter('expire') })
    .where(and(eq(quotes.id, quoteId), inArray(quotes.status, statusesChangedBy('expire'))));
  const quote = await findQuote(db, quoteId);
  return { quoteId, status: quote.status };
}

async function findQuote(db: Database, quoteId: string) {
  const [quote] = await db.select().from(quotes).where(eq(quotes.id, quoteId));
  if (!quote) throw notFound(quoteId);
  return quote;
}

const notFound = (quoteId: string) => ApplicationFailure.nonRetryable(`quote ${quoteId} does not exist`, 'NotFound');
