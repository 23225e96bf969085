// Customers, plans and subscriptions, invoices and the ledger, email, staff and API access.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt, currency, minorUnits } from './columns.js';
import { INVOICE_KINDS, INVOICE_LINE_KINDS } from '../../billing/invoice-lines.js';

export const accounts = pgTable(
  'accounts',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    type: text('type', { enum: ['asset', 'liability', 'equity', 'income', 'expense'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('accounts_type_known', sql`${t.type} in ('asset', 'liability', 'equity', 'income', 'expense')`)],
);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    currency: currency(),
    status: text('status', { enum: ['pending', 'active', 'cancelled'] }).notNull().default('pending'),
    createdAt: createdAt(),
    /** Customer portal sessions signed in before this moment are void: set on sign-out. */
    portalSessionsValidFrom: timestamp('portal_sessions_valid_from', { withTimezone: true }),
    /**
     * Set while the account workflow's billing is blocked (a step failed in a way retrying could not
     * fix) and waits for staff; written by the workflow's activities, so staff can list them here.
     */
    billingBlockedAt: timestamp('billing_blocked_at', { withTimezone: true }),
    billingBlockedStep: text('billing_blocked_step'),
    billingBlockedReason: text('billing_blocked_reason'),
    /** Days after issue an invoice falls due; null: the company's default (billing_settings). */
    paymentTermsDays: integer('payment_terms_days'),
    /** Charge the saved card when an invoice is posted. */
    autopay: boolean('autopay').notNull().default(false),
    /** The customer at the payment gateway, created the first time they save a card. */
    gatewayCustomerId: text('gateway_customer_id').unique(),
  },
  (t) => [
    check('customers_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('customers_status_known', sql`${t.status} in ('pending', 'active', 'cancelled')`),
    check('customers_payment_terms_range', sql`${t.paymentTermsDays} is null or ${t.paymentTermsDays} between 0 and 365`),
    index('customers_billing_blocked').on(t.billingBlockedAt).where(sql`${t.billingBlockedAt} is not null`),
  ],
);

export const plans = pgTable(
  'plans',
  {
    id: id(),
    name: text('name').notNull(),
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    interval: text('interval', { enum: ['month', 'year'] }).notNull(),
    revenueAccountCode: text('revenue_account_code')
      .notNull()
      .default('4000')
      .references(() => accounts.code),
    createdAt: createdAt(),
  },
  (t) => [
    check('plans_amount_not_negative', sql`${t.amountMinor} >= 0`),
    check('plans_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('plans_interval_known', sql`${t.interval} in ('month', 'year')`),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Day of month (and month, for yearly plans) that periods renew on. */
    anchorDay: integer('anchor_day').notNull(),
    anchorMonth: integer('anchor_month'),
    status: text('status', { enum: ['active', 'cancelled'] }).notNull().default('active'),
    cancelledOn: date('cancelled_on', { mode: 'string' }),
    /** A plan change the account workflow accepted, billed from `pendingPlanFrom`; null when none. */
    pendingPlanId: uuid('pending_plan_id').references(() => plans.id),
    pendingPlanFrom: date('pending_plan_from', { mode: 'string' }),
    /** The day a cancellation the account workflow accepted takes effect; billed up to it, then closed. */
    cancelRequestedOn: date('cancel_requested_on', { mode: 'string' }),
    /** A fixed-term or prepaid subscription's last day of service; null: it runs until cancelled. */
    endsOn: date('ends_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    // A customer has at most one live subscription: its workflow bills exactly one plan at a time.
    uniqueIndex('subscriptions_one_active_per_customer').on(t.customerId).where(sql`${t.status} = 'active'`),
    check('subscriptions_anchor_day_range', sql`${t.anchorDay} between 1 and 31`),
    check('subscriptions_anchor_month_range', sql`${t.anchorMonth} is null or ${t.anchorMonth} between 1 and 12`),
  ],
);

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    number: text('number').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id),
    /**
     * `recurring`: a subscription period; `one_off`: item lines, issued by staff or from an accepted
     * quote; `penalty`: penalties charged on overdue invoices, due at once.
     */
    kind: text('kind', { enum: INVOICE_KINDS }).notNull(),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    /**
     * When it falls due: issue date plus the customer's payment terms; moved to the reopening day
     * plus the terms when a refund or dispute opens it again. Overdue is derived from it, never stored.
     */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    currency: currency(),
    /** What the customer owes: the lines' net amounts plus their tax. */
    totalMinor: minorUnits('total_minor').notNull(),
    /** The tax included in the total, summed from the lines (each rounded once). */
    taxMinor: minorUnits('tax_minor').notNull().default(sql`0`),
    status: text('status', { enum: ['issued', 'paid', 'void'] }).notNull().default('issued'),
    createdAt: createdAt(),
  },
  (t) => [
    check('invoices_kind_known', sql`${t.kind} in ('recurring', 'one_off', 'penalty')`),
    // The business key that makes double billing impossible: one recurring invoice per customer
    // and period, whatever retries or concurrent workers do.
    uniqueIndex('invoices_one_per_customer_period')
      .on(t.customerId, t.periodStart)
      .where(sql`${t.kind} = 'recurring'`),
    index('invoices_customer').on(t.customerId),
    index('invoices_customer_due').on(t.customerId, t.dueDate),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    /**
     * What the line charges: the plan, a rate component, a minimum top-up, late consumption, a
     * catalog item, or a penalty on an overdue invoice.
     */
    kind: text('kind', { enum: INVOICE_LINE_KINDS }).notNull().default('plan'),
    /** The catalog item a one-off line was made from; the line keeps its own copy of what was charged. */
    itemId: uuid('item_id'),
    quantity: text('quantity').notNull(),
    /** The unit the quantity counts (GB, minutes, days); null for a plan. */
    unit: text('unit'),
    /** Null when no single price applies (stepped and volume lines carry their ranges in `detail`). */
    unitAmountMinor: minorUnits('unit_amount_minor'),
    /** The exact unit price in minor units ("0.045") when it has more precision than a minor unit. */
    unitAmountDecimal: text('unit_amount_decimal'),
    /** The net amount, tax exclusive. */
    amountMinor: minorUnits('amount_minor').notNull(),
    /** Tax percent as exact decimal text ("21"); null on lines that carry no tax. */
    taxRate: text('tax_rate'),
    /** The line's tax, rounded once, posted to tax payable. */
    taxMinor: minorUnits('tax_minor').notNull().default(sql`0`),
    /** How a usage line was priced: its ranges with units and amounts, so the customer can check it. */
    detail: jsonb('detail'),
    revenueAccountCode: text('revenue_account_code')
      .notNull()
      .references(() => accounts.code),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
  },
  (t) => [uniqueIndex('invoice_lines_position').on(t.invoiceId, t.position)],
);

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: id(),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    /** What the entry books (e.g. 'invoice' + its id): one entry per source, so a retry cannot post twice. */
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('journal_entries_one_per_source').on(t.sourceType, t.sourceId)],
);

export const journalLines = pgTable(
  'journal_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    accountCode: text('account_code')
      .notNull()
      .references(() => accounts.code),
    customerId: uuid('customer_id').references(() => customers.id),
    /** Signed: a debit is positive, a credit negative, so an entry balances when its lines sum to zero. */
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    memo: text('memo'),
  },
  (t) => [
    check('journal_lines_amount_not_zero', sql`${t.amountMinor} <> 0`),
    index('journal_lines_entry').on(t.entryId),
    index('journal_lines_customer_account').on(t.customerId, t.accountCode),
  ],
);

export const emailMessages = pgTable(
  'email_messages',
  {
    id: id(),
    kind: text('kind').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    recipient: text('recipient').notNull(),
    /** Where the customer's reply goes, when it should reach us (a quote's signed reply address). */
    replyTo: text('reply_to'),
    /** Also the provider's idempotency key: a retried send is the same message, never a second one. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'sent', 'outbox', 'failed'] }).notNull().default('pending'),
    transport: text('transport').notNull(),
    providerMessageId: text('provider_message_id'),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Why the provider refused the message for good; shown to staff. */
    failureReason: text('failure_reason'),
  },
  (t) => [index('email_messages_customer').on(t.customerId)],
);

/** Facts about the installation itself, such as whether the demo data was seeded. */
export const systemFlags = pgTable('system_flags', {
  key: text('key').primaryKey(),
  setAt: createdAt(),
});

/** People who run the system through the staff pages. Passwords are stored as scrypt hashes only. */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: id(),
    /** Stored lower-cased, so sign-in is case-insensitive and an address has one account. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Sessions signed in before this moment are void: set on sign-out, so a copied cookie dies too. */
    sessionsValidFrom: timestamp('sessions_valid_from', { withTimezone: true }),
  },
  (t) => [check('staff_users_email_lower', sql`${t.email} = lower(${t.email})`)],
);

/** Every sign-in attempt, so repeated failures can be slowed down across all portal processes. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    clientAddress: text('client_address').notNull(),
    succeeded: boolean('succeeded').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email').on(t.email, t.attemptedAt),
    index('sign_in_attempts_client').on(t.clientAddress, t.attemptedAt),
  ],
);

/** Bearer keys for the REST API. Only a hash of the secret is kept; the prefix finds the row. */
export const apiKeys = pgTable('api_keys', {
  id: id(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  createdByStaffId: uuid('created_by_staff_id').references(() => staffUsers.id),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * Requests an API client marked with an `Idempotency-Key`: a retry with the same key returns the
 * resource the first request created instead of creating another.
 */
export const idempotentRequests = pgTable(
  'idempotent_requests',
  {
    id: id(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    /** A hash of the request body: the same key with a different body is a client bug, refused. */
    requestHash: text('request_hash').notNull(),
    resourceId: uuid('resource_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotent_requests_key').on(t.apiKeyId, t.operation, t.key)],
);
