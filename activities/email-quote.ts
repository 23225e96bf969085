// The emails of a quote's life: the quote itself (with the signed reply address the customer can
// answer ACCEPT or DECLINE to), the reminder before it expires, and the confirmation of acceptance.
// Each is keyed by the quote, so retries and repeated sends deliver it once.
import { ApplicationFailure } from '@temporalio/common';
import { asc, eq } from 'drizzle-orm';
import { formatMoney, money } from '../billing/money.js';
import { customers, invoices, quoteLines, quotes } from '../db/schema.js';
import { formatDisplayDate } from '../emails/format-date.js';
import { renderQuoteAcceptedEmail, renderQuoteEmail } from '../emails/render-quote-email.js';
import { quoteReplyAddress } from '../emails/reply-address.js';
import type { ActivityDeps } from './deps.js';
import { sendRecordedEmail, type SentEmail } from '../db/records/recorded-email.js';

export type QuoteEmailOccasion = 'sent' | 'reminder';

const KIND: Record<QuoteEmailOccasion, string> = { sent: 'quote-sent', reminder: 'quote-reminder' };

export async function emailQuote(deps: ActivityDeps, quoteId: string, occasion: QuoteEmailOccasion): Promise<SentEmail> {
  const { quote, customer } = await quoteWithCustomer(deps, quoteId);
  return sendRecordedEmail(deps, {
    kind: KIND[occasion],
    entityType: 'quote',
    entityId: quote.id,
    customerId: customer.id,
    recipient: customer.email,
    replyTo: quoteReplyAddress(quote.id, deps.replyAddresses),
    idempotencyKey: `${KIND[occasion]}/${quote.id}`,
    async render() {
      const lines = await deps.db.select().from(quoteLines).where(eq(quoteLines.quoteId, quote.id)).orderBy(asc(quoteLines.position));
      const format = (minor: bigint) => formatMoney(money(minor, quote.currency));
      return renderQuoteEmail({
        occasion,
        companyName: deps.companyName,
        customerName: customer.name,
        quoteNumber: quote.number,
        validUntil: formatDisplayDate(quote.validUntil),
        note: quote.note,
        lines: lines.map((line) => ({
          description: line.description,
          quantity: line.quantity,
          unitAmount: format(line.unitAmountMinor),
          net: format(line.amountMinor),
          taxRate: `${line.taxRate}%`,
          tax: format(line.taxMinor),
        })),
        net: format(quote.netMinor),
        tax: format(quote.taxMinor),
        total: format(quote.totalMinor),
        quoteUrl: `${deps.portalUrl}/account/quotes/${quote.id}`,
      });
    },
  });
}

/** After acceptance: thanks the customer and names the invoice the quote became. */
export async function emailQuoteAccepted(deps: ActivityDeps, quoteId: string): Promise<SentEmail> {
  const { quote, customer } = await quoteWithCustomer(deps, quoteId);
  if (!quote.invoiceId) throw ApplicationFailure.nonRetryable(`quote ${quote.number} has no invoice; it is ${quote.status}`, 'NotAccepted');
  const [invoice] = await deps.db.select().from(invoices).where(eq(invoices.id, quote.invoiceId));
  if (!invoice) throw ApplicationFailure.nonRetryable(`invoice ${quote.invoiceId} does not exist`, 'NotFound');
  return sendRecordedEmail(deps, {
    kind: 'quote-accepted',
    entityType: 'quote',
    entityId: quote.id,
    customerId: customer.id,
    recipient: customer.email,
    idempotencyKey: `quote-accepted/${quote.id}`,
    render: () =>
      renderQuoteAcceptedEmail({
        companyName: deps.companyName,
        customerName: customer.name,
        quoteNumber: quote.number,
        invoiceNumber: invoice.number,
        total: formatMoney(money(invoice.totalMinor, invoice.currency)),
        invoiceUrl: `${deps.portalUrl}/account/invoices/${invoice.id}`,
      }),
  });
}

async function quoteWithCustomer(deps: ActivityDeps, quoteId: string) {
  const [row] = await deps.db
    .select({ quote: quotes, customer: customers })
    .from(quotes)
    .innerJoin(customers, eq(customers.id, quotes.customerId))
    .where(eq(quotes.id, quoteId));
  if (!row) throw ApplicationFailure.nonRetryable(`quote ${quoteId} does not exist`, 'NotFound');
  return row;
}
