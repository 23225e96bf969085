// The one source of truth for the database shape. `npm run db:generate` turns changes here into a
// committed SQL migration under db/migrations; rules the ORM cannot express (a journal entry must
// balance) live in hand-written migrations beside them.
import { sql } from 'drizzle-orm';
import type { RateComponent } from '../billing/rating/components.js';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const currency = () => text('currency').notNull();
/** Money is integer minor units; drizzle hands it to us as a bigint, never a float. */
const minorUnits = (name: string) => bigint(name, { mode: 'bigint' });

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
  },
  (t) => [
    check('customers_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('customers_status_known', sql`${t.status} in ('pending', 'active', 'cancelled')`),
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
    createdAt: createdAt(),
  },
  (t) => [
    // A customer has at most one live subscription: its workflow bills exactly one plan at a time.
    uniqueIndex('subscriptions_one_active_per_customer').on(t.customerId).where(sql`${t.status} = 'active'`),
    check('subscriptions_anchor_day_range', sql`${t.anchorDay} between 1 and 31`),
    check('subscriptions_anchor_month_range', sql`${t.anchorMonth} is null or ${t.anchorMonth} between 1 and 12`),
  ],
);

/** Gapless invoice numbers: one counter row per year, bumped inside the issuing transaction. */
export const invoiceNumberSeries = pgTable('invoice_number_series', {
  year: integer('year').primaryKey(),
  lastNumber: integer('last_number').notNull(),
});

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    number: text('number').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id),
    kind: text('kind', { enum: ['recurring'] }).notNull(),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    currency: currency(),
    totalMinor: minorUnits('total_minor').notNull(),
    status: text('status', { enum: ['issued', 'paid', 'void'] }).notNull().default('issued'),
    createdAt: createdAt(),
  },
  (t) => [
    // The business key that makes double billing impossible: one recurring invoice per customer
    // and period, whatever retries or concurrent workers do.
    uniqueIndex('invoices_one_per_customer_period')
      .on(t.customerId, t.periodStart)
      .where(sql`${t.kind} = 'recurring'`),
    index('invoices_customer').on(t.customerId),
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
    /** What the line charges: the plan, a rate component, a minimum top-up, or late consumption. */
    kind: text('kind', { enum: ['plan', 'usage', 'minimum', 'adjustment'] }).notNull().default('plan'),
    quantity: text('quantity').notNull(),
    /** The unit the quantity counts (GB, minutes, days); null for a plan. */
    unit: text('unit'),
    /** Null when no single price applies (stepped and volume lines carry their ranges in `detail`). */
    unitAmountMinor: minorUnits('unit_amount_minor'),
    /** The exact unit price in minor units ("0.045") when it has more precision than a minor unit. */
    unitAmountDecimal: text('unit_amount_decimal'),
    amountMinor: minorUnits('amount_minor').notNull(),
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

/** A price list for consumption and recurring extras, made of components (see billing/rating). */
export const rates = pgTable(
  'rates',
  {
    id: id(),
    name: text('name').notNull(),
    currency: currency(),
    components: jsonb('components').$type<RateComponent[]>().notNull(),
    revenueAccountCode: text('revenue_account_code')
      .notNull()
      .default('4100')
      .references(() => accounts.code),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('rates_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`)],
);

/** A rate applied to a customer from a date; `endedOn` (exclusive) is set when another rate replaces it. */
export const customerRates = pgTable(
  'customer_rates',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    rateId: uuid('rate_id')
      .notNull()
      .references(() => rates.id),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('customer_rates_customer').on(t.customerId, t.effectiveFrom),
    check('customer_rates_ends_after_start', sql`${t.endedOn} is null or ${t.endedOn} > ${t.effectiveFrom}`),
  ],
);

/** A customer's meter: rate components name its key; readings are stored in its unit. */
export const meters = pgTable(
  'meters',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    key: text('key').notNull(),
    unit: text('unit').notNull(),
    /** 1000 or 1024: what a kB is for this meter's equipment. */
    base: integer('base').notNull().default(1000),
    kind: text('kind', { enum: ['cumulative', 'delta'] }).notNull(),
    /** The largest value a cumulative register shows before it rolls over to 0. */
    registerMax: numeric('register_max'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('meters_customer_key').on(t.customerId, t.key),
    check('meters_kind_known', sql`${t.kind} in ('cumulative', 'delta')`),
    check('meters_base_known', sql`${t.base} in (1000, 1024)`),
    check('meters_register_max_positive', sql`${t.registerMax} is null or ${t.registerMax} > 0`),
  ],
);

/**
 * One reading of a meter, in the meter's unit. `consumption` is fixed when the reading is stored
 * (a cumulative register's difference to the previous reading), so it can never be counted twice;
 * `invoiceId` is the invoice that billed it, null until then.
 */
export const meterReadings = pgTable(
  'meter_readings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meterId: uuid('meter_id')
      .notNull()
      .references(() => meters.id),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }).notNull(),
    value: numeric('value').notNull(),
    consumption: numeric('consumption').notNull(),
    /** The meter was replaced: this reading is the new register's baseline and consumes nothing. */
    replacement: boolean('replacement').notNull().default(false),
    ref: text('ref'),
    source: text('source', { enum: ['manual', 'api', 'import'] }).notNull(),
    importId: uuid('import_id'),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    createdAt: createdAt(),
  },
  (t) => [
    // The natural key of a reading: the same reading sent twice is recognised, never stored twice.
    uniqueIndex('meter_readings_meter_time').on(t.meterId, t.readAt),
    index('meter_readings_unbilled').on(t.meterId, t.readAt).where(sql`${t.invoiceId} is null`),
    index('meter_readings_invoice').on(t.invoiceId),
    check('meter_readings_consumption_not_negative', sql`${t.consumption} >= 0`),
  ],
);

/**
 * What each invoice charged per rate component and stretch of days, with the component as it was
 * priced then: a late reading re-prices that stretch with the same component and bills only the
 * difference.
 */
export const ratedUsage = pgTable(
  'rated_usage',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    customerRateId: uuid('customer_rate_id')
      .notNull()
      .references(() => customerRates.id),
    componentIndex: integer('component_index').notNull(),
    component: jsonb('component').$type<RateComponent>().notNull(),
    meterKey: text('meter_key').notNull(),
    segmentStart: date('segment_start', { mode: 'string' }).notNull(),
    segmentEnd: date('segment_end', { mode: 'string' }).notNull(),
    /** Where the segment sits in its billing cycle: prorates the minimum again exactly as billed. */
    cycleDays: integer('cycle_days').notNull(),
    daysBeforeSegment: integer('days_before_segment').notNull(),
    quantity: numeric('quantity').notNull(),
    /** Charge plus any minimum top-up, in minor units of `currency`. */
    amountMinor: minorUnits('amount_minor').notNull(),
    currency: currency(),
    kind: text('kind', { enum: ['period', 'adjustment'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('rated_usage_segment').on(t.customerId, t.meterKey, t.segmentStart),
    index('rated_usage_invoice').on(t.invoiceId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** A readings file being imported: uploaded, mapped, validated, then committed (or not). */
export const readingImports = pgTable(
  'reading_imports',
  {
    id: id(),
    /** Where the file comes from (a device family, a technician's sheet): its mapping is kept under this name. */
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'xlsx', 'json'] }).notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull().default(0),
    status: text('status', {
      enum: ['uploaded', 'validating', 'validated', 'committing', 'committed', 'failed'],
    })
      .notNull()
      .default('uploaded'),
    /** What the file looks like: delimiter, encoding, sheet, header row, column names, sample rows. */
    layout: jsonb('layout'),
    mapping: jsonb('mapping'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    invalidRows: integer('invalid_rows').notNull().default(0),
    duplicateRows: integer('duplicate_rows').notNull().default(0),
    acceptedRows: integer('accepted_rows').notNull().default(0),
    /** Progress of the running step, for the portal, API and CLI to show. */
    processedRows: integer('processed_rows').notNull().default(0),
    commitMode: text('commit_mode', { enum: ['all_or_nothing', 'valid_only'] }),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [index('reading_imports_created').on(t.createdAt)],
);

/** The uploaded file itself, in chunks, so every portal process can read it and none holds it in memory. */
export const readingImportChunks = pgTable(
  'reading_import_chunks',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => readingImports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

/** Staging: every row of an import after mapping and validation, loaded with COPY. */
export const readingImportRows = pgTable(
  'reading_import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => readingImports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    meterId: uuid('meter_id'),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
    value: numeric('value'),
    consumption: numeric('consumption'),
    replacement: boolean('replacement').notNull().default(false),
    ref: text('ref'),
    /** The row as it was in the file, for the file of rejected rows. */
    raw: text('raw').notNull(),
    errorColumn: text('error_column'),
    errorReason: text('error_reason'),
    duplicate: boolean('duplicate').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

/** The column mapping last used for a source, offered again for its next file. */
export const readingImportMappings = pgTable('reading_import_mappings', {
  source: text('source').primaryKey(),
  mapping: jsonb('mapping').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
