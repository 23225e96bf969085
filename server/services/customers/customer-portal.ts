// What a signed-in customer may read in the portal: only their own records. Anything that is not
// theirs (or a draft quote they were never sent) is a NotFoundError, the same as a record that
// does not exist, so the portal never confirms that someone else's invoice or quote exists.
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import type { QuoteStatus } from '../../../billing/quotes/quote-lifecycle.js';
import { netOfTax } from '../../../billing/tax.js';
import { invoiceLines, invoices, quotes } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { getCustomer } from './customer-directory.js';
import { NotFoundError } from '../errors.js';
import { getInvoice, listCustomerInvoices, type InvoiceDocument, type InvoiceLineView, type InvoiceSummary } from '../invoices/invoice-records.js';
import { invoiceStandingOf, type InvoicePaymentStanding } from '../invoices/invoice-standings.js';
import { getQuote, type QuoteView } from '../quotes/quotes.js';

export interface PortalInvoiceLine extends InvoiceLineView {
  /** Percent as exact decimal text ("21"); null on lines that carry no tax. */
  taxRate: string | null;
  tax: Money;
}

export interface PortalInvoice extends Omit<InvoiceDocument, 'lines'> {
  lines: PortalInvoiceLine[];
  net: Money;
  tax: Money;
  /** Due date, payment status and days overdue on the day asked for; null for a void invoice. */
  payment: InvoicePaymentStanding | null;
}

export interface PortalQuoteSummary {
  id: string;
  number: string;
  status: Exclude<QuoteStatus, 'draft'>;
  total: Money;
  validUntil: IsoDate;
  sentAt: Date | null;
}

export interface AccountOverview {
  name: string;
  balance: Money;
  recentInvoices: InvoiceSummary[];
  /** Sent quotes still waiting for the customer's answer. */
  openQuotes: PortalQuoteSummary[];
}

const RECENT_INVOICES = 5;
const QUOTES_SHOWN = 100;

export async function accountOverview(ctx: ServiceContext, customerId: string): Promise<AccountOverview> {
  const [customer, invoicePage, openQuotes] = await Promise.all([
    getCustomer(ctx, customerId),
    listCustomerInvoices(ctx, customerId, { limit: RECENT_INVOICES }),
    customerQuotes(ctx, customerId, { openOnly: true }),
  ]);
  return { name: customer.name, balance: customer.balance, recentInvoices: invoicePage.items, openQuotes };
}

/**
 * One of the customer's invoices with each line's tax, the invoice's net and tax, and where it
 * stands on `today` (the company's business date).
 */
export async function customerInvoice(ctx: ServiceContext, customerId: string, invoiceId: string, today: IsoDate): Promise<PortalInvoice> {
  const invoice = await getInvoice(ctx, invoiceId);
  if (invoice.customerId !== customerId) throw new NotFoundError('invoice', invoiceId);
  const [taxes, [totals], payment] = await Promise.all([
    ctx.db
      .select({ position: invoiceLines.position, taxRate: invoiceLines.taxRate, taxMinor: invoiceLines.taxMinor })
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, invoiceId))
      .orderBy(asc(invoiceLines.position)),
    ctx.db.select({ taxMinor: invoices.taxMinor }).from(invoices).where(eq(invoices.id, invoiceId)),
    invoiceStandingOf(ctx, invoiceId, today),
  ]);
  const currency = invoice.total.currency;
  const taxByPosition = new Map(taxes.map((line) => [line.position, line]));
  const tax = money(totals?.taxMinor ?? 0n, currency);
  return {
    ...invoice,
    lines: invoice.lines.map((line) => {
      const lineTax = taxByPosition.get(line.position);
      return { ...line, taxRate: lineTax?.taxRate ?? null, tax: money(lineTax?.taxMinor ?? 0n, currency) };
    }),
    net: netOfTax(invoice.total, tax),
    tax,
    payment,
  };
}

/** The customer's quotes that were sent to them, newest first; drafts are staff's business. */
export async function customerQuotes(ctx: ServiceContext, customerId: string, options: { openOnly?: boolean } = {}): Promise<PortalQuoteSummary[]> {
  const rows = await ctx.db
    .select()
    .from(quotes)
    .where(and(eq(quotes.customerId, customerId), options.openOnly ? eq(quotes.status, 'sent') : ne(quotes.status, 'draft')))
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(QUOTES_SHOWN);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    status: row.status as PortalQuoteSummary['status'],
    total: money(row.totalMinor, row.currency),
    validUntil: row.validUntil as IsoDate,
    sentAt: row.sentAt,
  }));
}

/** One of the customer's quotes, once it has been sent to them. */
export async function customerQuote(ctx: ServiceContext, customerId: string, quoteId: string): Promise<QuoteView> {
  const quote = await getQuote(ctx, quoteId, { customerId });
  if (quote.status === 'draft') throw new NotFoundError('quote', quoteId);
  return quote;
}
