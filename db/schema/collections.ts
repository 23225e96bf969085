// Collections: dunning policies and their versions, penalty classes and rules, reference rates,
// each customer's collection settings, overdue episodes with the history of every step taken, and
// the penalties charged. Policy and rule definitions are stored as the JSON that billing's parsers
// accept (billing/collections), so one home decides what a valid policy or rule is; the columns
// beside them are what reports and staff lists filter on.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt, currency, minorUnits } from './columns.js';
import { customers, invoices } from './core.js';
import { creditNotes } from './documents.js';

export const dunningPolicies = pgTable(
  'dunning_policies',
  {
    id: id(),
    name: text('name').notNull().unique(),
    /** The policy of every customer who has none of their own; exactly one is. */
    isDefault: boolean('is_default').notNull().default(false),
    /** The version new episodes start with; a running episode keeps the version it started with. */
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dunning_policies_one_default').on(t.isDefault).where(sql`${t.isDefault}`)],
);

/** Every version of a policy, never changed once written: an edit writes the next version. */
export const dunningPolicyVersions = pgTable(
  'dunning_policy_versions',
  {
    policyId: uuid('policy_id')
      .notNull()
      .references(() => dunningPolicies.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    /** Who wrote it: a staff email, `api`, or `system` for the one the upgrade seeds. */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.policyId, t.version] }), check('dunning_policy_versions_positive', sql`${t.version} >= 1`)],
);

export const penaltyClasses = pgTable(
  'penalty_classes',
  {
    id: id(),
    name: text('name').notNull().unique(),
    /** The class of every customer who has none of their own; exactly one is. */
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('penalty_classes_one_default').on(t.isDefault).where(sql`${t.isDefault}`)],
);

export const penaltyRules = pgTable(
  'penalty_rules',
  {
    id: id(),
    classId: uuid('class_id')
      .notNull()
      .references(() => penaltyClasses.id),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** flat, percentage or interest: a copy of the definition's kind, for reports. */
    kind: text('kind').notNull(),
    definition: jsonb('definition').notNull(),
    /** A rule taken out of its class: kept, since charges name it, but never applied again. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('penalty_rules_class').on(t.classId)],
);

/** A published reference rate (a central bank's main refinancing rate, say) that interest may follow. */
export const referenceRates = pgTable('reference_rates', {
  id: id(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
});

export const referenceRateValues = pgTable(
  'reference_rate_values',
  {
    rateId: uuid('rate_id')
      .notNull()
      .references(() => referenceRates.id),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    /** Percent a year as exact decimal text ("4.50"). */
    ratePercent: text('rate_percent').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rateId, t.effectiveFrom] })],
);

/** A customer's collection settings; a customer without a row has the defaults. */
export const customerCollections = pgTable(
  'customer_collections',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id),
    /** Null: the default policy. */
    dunningPolicyId: uuid('dunning_policy_id').references(() => dunningPolicies.id),
    /** Null: the default penalty class. */
    penaltyClassId: uuid('penalty_class_id').references(() => penaltyClasses.id),
    /** Exempt customers are never reminded, charged penalties, restricted or suspended. */
    exempt: boolean('exempt').notNull().default(false),
    exemptReason: text('exempt_reason'),
    /** Email the customer when the balance rises above this (minor units, the customer's currency). */
    balanceAlertMinor: minorUnits('balance_alert_minor'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('customer_collections_exempt_reason', sql`not ${t.exempt} or ${t.exemptReason} is not null`),
    check('customer_collections_balance_alert_positive', sql`${t.balanceAlertMinor} is null or ${t.balanceAlertMinor} > 0`),
  ],
);

export const dunningEpisodes = pgTable(
  'dunning_episodes',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => dunningPolicies.id),
    policyVersion: integer('policy_version').notNull(),
    currency: currency(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    /** The earliest due date still unpaid: the steps' day offsets count from it. */
    anchorDueDate: date('anchor_due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    /** The stage reached (billing/collections/dunning names them). */
    stage: text('stage').notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedReason: text('paused_reason'),
    /** A promise to pay: restriction and suspension wait until this day, once per episode. */
    promiseUntil: date('promise_until', { mode: 'string' }),
    promiseMadeOn: date('promise_made_on', { mode: 'string' }),
    /** Where the promise came from: `reply`, `portal` or `staff`. */
    promiseSource: text('promise_source'),
    closedOn: date('closed_on', { mode: 'string' }),
    closeReason: text('close_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    // One open episode per account, whatever retries or concurrent evaluations do.
    uniqueIndex('dunning_episodes_one_open').on(t.customerId).where(sql`${t.status} = 'open'`),
    index('dunning_episodes_customer').on(t.customerId, t.startedOn),
    check('dunning_episodes_status_known', sql`${t.status} in ('open', 'closed')`),
    check('dunning_episodes_closed_on', sql`(${t.status} = 'closed') = (${t.closedOn} is not null)`),
  ],
);

/**
 * What happened in collections, in order: each step an episode took (what, when, for which
 * invoices, with which outcome) and each staff action (pause, skip, suspend or restore by hand,
 * exempt), with its reason. A step is written once per episode: its key is unique there.
 */
export const dunningEvents = pgTable(
  'dunning_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    episodeId: uuid('episode_id').references(() => dunningEpisodes.id),
    /** The step's action (email_warning, suspend, ...) or the staff action (pause, resume, skip, ...). */
    kind: text('kind').notNull(),
    /** A policy step's key within its episode; null for staff actions and card retries. */
    stepKey: text('step_key'),
    /** The business day the step was due (or the action taken). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** `workflow`, or the staff member's email, or `api`. */
    actor: text('actor').notNull(),
    reason: text('reason'),
    /** done, held (e.g. nothing owed to suspend for), skipped or failed. */
    outcome: text('outcome').notNull(),
    /** The invoices and amounts it acted on, the email or penalty invoice it produced. */
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    uniqueIndex('dunning_events_one_per_step').on(t.episodeId, t.stepKey).where(sql`${t.stepKey} is not null`),
    index('dunning_events_customer').on(t.customerId, t.occurredAt),
  ],
);

/**
 * Every penalty charged: unique per penalized invoice, rule, occurrence and component, so a step
 * that runs twice can never charge twice. Billed on a penalty invoice of its own.
 */
export const penaltyCharges = pgTable(
  'penalty_charges',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** The overdue invoice the penalty is for. */
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => penaltyRules.id),
    occurrence: integer('occurrence').notNull(),
    /** `penalty`, or `recovery` for the fixed recovery compensation charged once per invoice. */
    component: text('component', { enum: ['penalty', 'recovery'] }).notNull().default('penalty'),
    currency: currency(),
    baseMinor: minorUnits('base_minor').notNull(),
    amountMinor: minorUnits('amount_minor').notNull(),
    taxMinor: minorUnits('tax_minor').notNull(),
    chargeOn: date('charge_on', { mode: 'string' }).notNull(),
    /** Interest only: the days billed. */
    accruedFrom: date('accrued_from', { mode: 'string' }),
    accruedTo: date('accrued_to', { mode: 'string' }),
    penaltyInvoiceId: uuid('penalty_invoice_id')
      .notNull()
      .references(() => invoices.id),
    episodeId: uuid('episode_id').references(() => dunningEpisodes.id),
    /** Set when staff waived it: the credit note that gave it back. */
    waivedByCreditNoteId: uuid('waived_by_credit_note_id').references(() => creditNotes.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('penalty_charges_once').on(t.invoiceId, t.ruleId, t.occurrence, t.component),
    index('penalty_charges_customer').on(t.customerId),
    check('penalty_charges_component_known', sql`${t.component} in ('penalty', 'recovery')`),
    check('penalty_charges_amount_positive', sql`${t.amountMinor} > 0`),
  ],
);
