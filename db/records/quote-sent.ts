// Marking a quote sent. Both the service that sends it and the quote's workflow do it (whichever
// runs first marks it; the workflow starts before the service's write and may read the row first).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { statusAfter, statusesChangedBy, type QuoteStatus } from '../../billing/quotes/quote-lifecycle.js';
import type { Database } from '../client.js';
import { quotes } from '../schema.js';

/**
 * Marks a draft sent and returns the quote's status as it now is, or null when there is no such
 * quote. Pass a transaction to mark it together with other writes.
 */
export async function markQuoteSent(db: Database, quoteId: string): Promise<QuoteStatus | null> {
  await db
    .update(quotes)
    // `sentAt` is when the customer was first sent the quote. A quote is marked several times (by
    // the service, by its workflow, again by a retried activity or a restarted run): coalesce, not
    // now(), so that the first mark stands by itself, not only because later ones find no draft.
    .set({ status: statusAfter('send'), sentAt: sql`coalesce(${quotes.sentAt}, now())` })
    .where(and(eq(quotes.id, quoteId), inArray(quotes.status, statusesChangedBy('send'))));
  const [quote] = await db.select({ status: quotes.status }).from(quotes).where(eq(quotes.id, quoteId));
  return quote?.status ?? null;
}
