// Acceptance turns the quote into an invoice with identical lines, in one transaction: the quote row
// is locked first, so concurrent or retried acceptances queue behind each other and the second one
// finds the invoice the first one issued instead of issuing another.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { asc, eq } from 'drizzle-orm';
import type { IsoDate } from '../billing/calendar.js';
import { mayTake, recordRefusal, statusAfter, statusForItsWorkflow } from '../billing/quotes/quote-lifecycle.js';
import type { Database } from '../db/client.js';
import { invoices, quoteLines, quotes } from '../db/schema.js';
import { issueItemInvoice } from '../db/records/item-invoices.js';
import { QUOTE_DECISION_REFUSED } from '../workflows/quote-messages.js';
import type { QuoteDecided, QuoteDecisionChannel } from './quote-types.js';

export async function acceptQuote(db: Database, quoteId: string, via: QuoteDecisionChannel, issueDate: IsoDate): Promise<QuoteDecided> {
  return db.transaction(async (tx) => {
    const [quote] = await tx.select().from(quotes).where(eq(quotes.id, quoteId)).for('update');
    if (!quote) throw ApplicationFailure.nonRetryable(`quote ${quoteId} does not exist`, 'NotFound');
    if (quote.status === statusAfter('accept') && quote.invoiceId) {
      const [invoice] = await tx.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, quote.invoiceId));
      return decided(quote, { id: quote.invoiceId, number: invoice?.number ?? '' }, true);
    }
    if (!mayTake(statusForItsWorkflow(quote.status), 'accept')) {
      throw ApplicationFailure.nonRetryable(recordRefusal(quote.number, quote.status, 'accept'), QUOTE_DECISION_REFUSED);
    }
    const lines = await tx.select().from(quoteLines).where(eq(quoteLines.quoteId, quote.id)).orderBy(asc(quoteLines.position));
    const issued = await issueItemInvoice(tx, {
      invoiceId: randomUUID(),
      customerId: quote.customerId,
      currency: quote.currency,
      issueDate,
      lines: lines.map((line) => ({
        itemId: line.itemId,
        description: line.description,
        quantity: line.quantity,
        unitAmountMinor: line.unitAmountMinor,
        taxRate: line.taxRate,
        revenueAccountCode: line.revenueAccountCode,
      })),
    });
    await tx
      .update(quotes)
      .set({ status: statusAfter('accept'), invoiceId: issued.invoiceId, decidedAt: new Date(), decidedVia: via })
      .where(eq(quotes.id, quote.id));
    return decided(quote, { id: issued.invoiceId, number: issued.number }, false);
  });
}

function decided(quote: typeof quotes.$inferSelect, invoice: { id: string; number: string }, alreadyDecided: boolean): QuoteDecided {
  return { quoteId: quote.id, quoteNumber: quote.number, status: statusAfter('accept'), invoice, alreadyDecided };
}
