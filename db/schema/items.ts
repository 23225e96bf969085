// The catalog of one-off chargeables: maintenance services and spare parts, each with its own price,
// revenue account and tax rate, for one-off invoices and quotes.
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { id, createdAt, currency, minorUnits } from './columns.js';
import { accounts } from './core.js';

export const items = pgTable(
  'items',
  {
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['service', 'part'] }).notNull(),
    description: text('description'),
    /** Net price of one unit, tax exclusive. */
    unitPriceMinor: minorUnits('unit_price_minor').notNull(),
    currency: currency(),
    /** Where its sales are booked; chosen by kind when not given (maintenance 4200, parts 4300). */
    revenueAccountCode: text('revenue_account_code')
      .notNull()
      .references(() => accounts.code),
    /** Percent as exact decimal text ("21", "7.7"), validated by billing's parseTaxRate. */
    taxRate: text('tax_rate').notNull(),
    /** An inactive item stays on old invoices but is no longer offered for new ones. */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('items_kind_known', sql`${t.kind} in ('service', 'part')`),
    check('items_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('items_unit_price_not_negative', sql`${t.unitPriceMinor} >= 0`),
    index('items_created_at_idx').on(t.createdAt, t.id),
  ],
);
