// The quote's status changes other than acceptance, each a conditional update so that a retry,
// or a step that lost a race, changes nothing that was already decided.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { quotes } from '../db/schema.js';
import type { QuoteDecided, QuoteDecisionChannel, SentQuote } from './quote-types.js';

/** A draft becomes sent (the service usually did it already); the quote's status as it now is. */
export async function markQuoteSent(db: Database, quoteId: string): Promise<SentQuote> {
  await db
    .update(quotes)
    .set({ status: 'sent', sentAt: sql`coalesce(${quotes.sentAt}, now())` })
    .where(and(eq(quotes.id, quoteId), eq(quotes.status, 'draft')));
  const quote = await findQuote(db, quoteId);
  return { quoteId, status: quote.status };
}

export async function declineQuote(db: Database, quoteId: string, via: QuoteDecisionChannel): Promise<QuoteDecided> {
  await db
    .update(quotes)
    .set({ status: 'declined', decidedAt: new Date(), decidedVia: via })
    .where(and(eq(quotes.id, quoteId), inArray(quotes.status, ['draft', 'sent'])));
  const quote = await findQuote(db, quoteId);
  if (quote.status !== 'declined') {
    throw ApplicationFailure.nonRetryable(`Quote ${quote.number} is ${quote.status}; it can no longer be declined.`, 'QuoteDecisionRefused');
  }
  return { quoteId, quoteNumber: quote.number, status: 'declined', invoice: null, alreadyDecided: false };
}

/** At the end of its last valid day: only a quote still waiting for its customer expires. */
export async function expireQuote(db: Database, quoteId: string): Promise<SentQuote> {
  await db
    .update(quotes)
    .set({ status: 'expired' })
    .where(and(eq(quotes.id, quoteId), eq(quotes.status, 'sent')));
  const quote = await findQuote(db, quoteId);
  return { quoteId, status: quote.status };
}

async function findQuote(db: Database, quoteId: string) {
  const [quote] = await db.select().from(quotes).where(eq(quotes.id, quoteId));
  if (!quote) throw ApplicationFailure.nonRetryable(`quote ${quoteId} does not exist`, 'NotFound');
  return quote;
}
