// Consumption: rates, the rates each customer is on, meters, their readings, and what each invoice rated.
import { sql } from 'drizzle-orm';
import type { RateComponent } from '../../billing/rating/components.js';
import { bigserial, boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt, currency, minorUnits } from './columns.js';
import { accounts, customers, invoices } from './core.js';

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
