// Quotes and credit notes: the documents around one-off invoices. A quote becomes an invoice when
// the customer accepts it; a credit note reverses some or all of an invoice's lines.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { QUOTE_STATUSES } from '../../billing/quotes/quote-lifecycle.js';
import { id, createdAt, currency, minorUnits } from './columns.js';
import { accounts, customers, invoiceLines, invoices } from './core.js';
import { items } from './items.js';

/**
 * Gapless document numbers (series 'INV' for invoices, 'CN' for credit notes, 'Q' for quotes): one
 * counter row per series and year, bumped inside the transaction that stores the document.
 */
export const documentNumberSeries = pgTable(
  'document_number_series',
  {
    series: text('series').notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);

export const quotes = pgTable(
  'quotes',
  {
    id: id(),
    number: text('number').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** draft → sent → accepted | declined | expired (billing/quotes/quote-lifecycle.ts). */
    status: text('status', { enum: QUOTE_STATUSES }).notNull().default('draft'),
    currency: currency(),
    netMinor: minorUnits('net_minor').notNull(),
    taxMinor: minorUnits('tax_minor').notNull(),
    totalMinor: minorUnits('total_minor').notNull(),
    /** The last day the customer can accept it. */
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    /** Shown to the customer above the lines, e.g. what the visit is for. */
    note: text('note'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Where the decision came from: the portal, an email reply, staff or the API. */
    decidedVia: text('decided_via', { enum: ['portal', 'email', 'staff', 'api'] }),
    /** The invoice the accepted quote became: set once, in the transaction that issues it. */
    invoiceId: uuid('invoice_id')
      .unique()
      .references(() => invoices.id),
  },
  (t) => [
    check('quotes_status_known', sql`${t.status} in (${sqlTextList(QUOTE_STATUSES)})`),
    check('quotes_decided_via_known', sql`${t.decidedVia} is null or ${t.decidedVia} in ('portal', 'email', 'staff', 'api')`),
    check('quotes_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('quotes_invoice_only_when_accepted', sql`${t.invoiceId} is null or ${t.status} = 'accepted'`),
    index('quotes_customer').on(t.customerId, t.createdAt),
  ],
);

export const quoteLines = pgTable(
  'quote_lines',
  {
    id: id(),
    quoteId: uuid('quote_id')
      .notNull()
      .references(() => quotes.id),
    position: integer('position').notNull(),
    itemId: uuid('item_id').references(() => items.id),
    description: text('description').notNull(),
    /** A plain decimal ("2", "1.5"). */
    quantity: text('quantity').notNull(),
    /** Net price of one unit, the item's or the override. */
    unitAmountMinor: minorUnits('unit_amount_minor').notNull(),
    /** quantity × unit price, rounded once. */
    amountMinor: minorUnits('amount_minor').notNull(),
    taxRate: text('tax_rate').notNull(),
    taxMinor: minorUnits('tax_minor').notNull(),
    revenueAccountCode: text('revenue_account_code')
      .notNull()
      .references(() => accounts.code),
  },
  (t) => [uniqueIndex('quote_lines_position').on(t.quoteId, t.position)],
);

export const creditNotes = pgTable(
  'credit_notes',
  {
    id: id(),
    number: text('number').notNull().unique(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    reason: text('reason').notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    currency: currency(),
    /** Positive amounts: what is credited back, net, tax and total. */
    netMinor: minorUnits('net_minor').notNull(),
    taxMinor: minorUnits('tax_minor').notNull(),
    totalMinor: minorUnits('total_minor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('credit_notes_total_positive', sql`${t.totalMinor} > 0`),
    check('credit_notes_reason_given', sql`length(trim(${t.reason})) > 0`),
    index('credit_notes_invoice').on(t.invoiceId),
    index('credit_notes_customer').on(t.customerId),
  ],
);

export const creditNoteLines = pgTable(
  'credit_note_lines',
  {
    id: id(),
    creditNoteId: uuid('credit_note_id')
      .notNull()
      .references(() => creditNotes.id),
    /** The invoice line it reverses, whole or in part. */
    invoiceLineId: uuid('invoice_line_id')
      .notNull()
      .references(() => invoiceLines.id),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    amountMinor: minorUnits('amount_minor').notNull(),
    taxMinor: minorUnits('tax_minor').notNull(),
    revenueAccountCode: text('revenue_account_code')
      .notNull()
      .references(() => accounts.code),
  },
  (t) => [
    uniqueIndex('credit_note_lines_position').on(t.creditNoteId, t.position),
    index('credit_note_lines_invoice_line').on(t.invoiceLineId),
  ],
);

/** Constant strings as an SQL list for a check constraint: literals, since DDL takes no parameters. */
function sqlTextList(values: readonly string[]) {
  return sql.raw(values.map((value) => `'${value}'`).join(', '));
}
