// Money in and out: payments and where they went, cards on file, attempts at the gateway, refunds,
// the gateway's events, fees and payouts. Card numbers never come here: the gateway keeps them, we
// keep its ids, the brand, the last four digits and the expiry.
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { PAYMENT_METHODS } from '../../billing/payments/payment-methods.js';
import { ATTEMPT_STATUSES } from '../../billing/payments/payment-attempts.js';
import { id, createdAt, currency, minorUnits } from './columns.js';
import { customers, invoices } from './core.js';
import { creditNotes } from './documents.js';

/** Company-wide billing settings: one row (id 1). */
export const billingSettings = pgTable(
  'billing_settings',
  {
    id: integer('id').primaryKey().default(1),
    defaultPaymentTermsDays: integer('default_payment_terms_days').notNull().default(14),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('billing_settings_one_row', sql`${t.id} = 1`),
    check('billing_settings_terms_range', sql`${t.defaultPaymentTermsDays} between 0 and 365`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: id(),
    /** The receipt number (PAY-2026-000001). */
    number: text('number').notNull().unique(),
    /** Null while no customer matched (a bank row with an unknown reference): staff assign it. */
    customerId: uuid('customer_id').references(() => customers.id),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** The payer's or bank's reference, a cheque number, or the gateway's charge id. */
    reference: text('reference'),
    /**
     * What makes this payment one payment however often it is reported: the gateway's charge id, the
     * bank's transaction id, or the API's Idempotency-Key. A second report finds this row.
     */
    sourceKey: text('source_key').notNull().unique(),
    gateway: text('gateway'),
    gatewayChargeId: text('gateway_charge_id').unique(),
    paymentAttemptId: uuid('payment_attempt_id'),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    /** Why staff should look at it (money we did not expect): kept unallocated until they do. */
    needsReview: text('needs_review'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('payments_amount_positive', sql`${t.amountMinor} > 0`),
    check('payments_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    index('payments_customer').on(t.customerId),
    index('payments_needs_review').on(t.createdAt).where(sql`${t.needsReview} is not null`),
  ],
);

/**
 * Money applied to an invoice, append-only and dated so what was open on any past day can be
 * answered: from a payment, or from customer credit (payment null). A refund or dispute that takes
 * money back off an invoice is a negative row.
 */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    /** A credit note whose excess over its invoice became the credit applied here. */
    creditNoteId: uuid('credit_note_id').references(() => creditNotes.id),
    source: text('source', { enum: ['payment', 'customer_credit', 'refund', 'dispute'] }).notNull(),
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    allocatedOn: date('allocated_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('payment_allocations_amount_not_zero', sql`${t.amountMinor} <> 0`),
    index('payment_allocations_invoice').on(t.invoiceId),
    index('payment_allocations_payment').on(t.paymentId),
    index('payment_allocations_customer').on(t.customerId),
  ],
);

/** Cards on file: the gateway's payment method, and only what a customer needs to recognise it. */
export const paymentMethods = pgTable(
  'payment_methods',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    gateway: text('gateway').notNull(),
    gatewayPaymentMethodId: text('gateway_payment_method_id').notNull().unique(),
    brand: text('brand').notNull(),
    last4: text('last4').notNull(),
    expMonth: integer('exp_month').notNull(),
    expYear: integer('exp_year').notNull(),
    /** The card autopay charges; a customer has at most one. */
    isDefault: boolean('is_default').notNull().default(false),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('payment_methods_last4', sql`${t.last4} ~ '^[0-9]{4}$'`),
    check('payment_methods_exp_month', sql`${t.expMonth} between 1 and 12`),
    uniqueIndex('payment_methods_one_default').on(t.customerId).where(sql`${t.isDefault} and ${t.removedAt} is null`),
  ],
);

/**
 * One attempt object at the gateway (a PaymentIntent) per invoice, or per whole-balance payment.
 * Its id is recorded before it is confirmed, so an outcome lost to a crash is looked up, never
 * charged again.
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** Set for an invoice's attempt; null for a whole-balance payment (its invoices are in the holds). */
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    /** The key the attempt was created with at the gateway: `invoice:<id>` or `balance:<id>`. */
    attemptKey: text('attempt_key').notNull().unique(),
    gateway: text('gateway').notNull(),
    gatewayIntentId: text('gateway_intent_id').unique(),
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull().default('created'),
    /** How many times it has been confirmed (autopay tries and the customer's pay-now). */
    confirmations: integer('confirmations').notNull().default(0),
    declineCode: text('decline_code'),
    declineKind: text('decline_kind', { enum: ['soft', 'hard'] }),
    declineMessage: text('decline_message'),
    /** Where the customer authenticates (3-D Secure) while the status is requires_action. */
    actionUrl: text('action_url'),
    paymentId: uuid('payment_id').references(() => payments.id),
    lastConfirmedAt: timestamp('last_confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('payment_attempts_amount_positive', sql`${t.amountMinor} > 0`),
    uniqueIndex('payment_attempts_one_per_invoice').on(t.invoiceId).where(sql`${t.invoiceId} is not null`),
    index('payment_attempts_customer').on(t.customerId),
  ],
);

/**
 * The invoices a whole-balance attempt pays, held against any other attempt while it is live: an
 * invoice has at most one live hold.
 */
export const paymentAttemptHolds = pgTable(
  'payment_attempt_holds',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => paymentAttempts.id),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    amountMinor: minorUnits('amount_minor').notNull(),
    released: boolean('released').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_attempt_holds_attempt_invoice').on(t.attemptId, t.invoiceId),
    uniqueIndex('payment_attempt_holds_one_live').on(t.invoiceId).where(sql`not ${t.released}`),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['refund', 'dispute'] }).notNull(),
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    reason: text('reason').notNull(),
    refundedOn: date('refunded_on', { mode: 'string' }).notNull(),
    /** The gateway's refund or dispute id, or the API's Idempotency-Key: one refund however often reported. */
    sourceKey: text('source_key').notNull().unique(),
    gatewayRefundId: text('gateway_refund_id').unique(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('refunds_amount_positive', sql`${t.amountMinor} > 0`), index('refunds_payment').on(t.paymentId)],
);

/** Each gateway event acted on once, by its id, whatever order and however often it arrives. */
export const gatewayEvents = pgTable('gateway_events', {
  eventId: text('event_id').primaryKey(),
  gateway: text('gateway').notNull(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** What we did with it, for staff: 'recorded payment PAY-…', 'ignored: unknown attempt', … */
  outcome: text('outcome'),
});

/** Fees the gateway kept and payouts it made to the bank: booked so the clearing account nets to zero. */
export const gatewayBalanceMovements = pgTable(
  'gateway_balance_movements',
  {
    id: id(),
    kind: text('kind', { enum: ['fee', 'payout'] }).notNull(),
    gateway: text('gateway').notNull(),
    /** The gateway's own id (balance transaction or payout): one movement however often reported. */
    gatewayReference: text('gateway_reference').notNull(),
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('gateway_balance_movements_amount_positive', sql`${t.amountMinor} > 0`),
    uniqueIndex('gateway_balance_movements_once').on(t.kind, t.gatewayReference),
  ],
);
