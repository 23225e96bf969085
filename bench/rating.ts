// `npm run bench:rating -- --customers 10000 --readings 100`: how many meter readings per second
// the billing core rates into invoices. Every customer has a plan, a rate (fixed, per-day,
// stepped data with a minimum) and `readings` data readings in the month; issuing the month's
// invoice sums them, prices every component, stores the lines and marks the readings billed.
// Baseline, in the same run on the same database: issuing the same number of plan-only invoices
// for customers without meters, so the ratio is what rating adds to issuing an invoice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { issueRecurringInvoice } from '../activities/issue-recurring-invoice.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { BUSINESS_RATE_COMPONENTS } from '../test/support/business-rate.js';
import { withScratchDatabase } from './scratch-database.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    readings: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
  },
});
const customerCount = Number(values.customers);
const readingsPerCustomer = Number(values.readings);
const concurrency = Number(values.concurrency);
const period = { start: '2026-10-01', end: '2026-11-01', cycle: { start: '2026-10-01', end: '2026-11-01' } } as const;
const log = (line: string) => console.log(line);

// The usage tests' rate, with a minimum on data too, so every kind of line is computed.
const RATE_COMPONENTS = JSON.stringify(
  BUSINESS_RATE_COMPONENTS.map((component) => (component.type === 'stepped' && component.meter === 'data' ? { ...component, minimumAmount: 500 } : component)),
);

/** Customers on one plan, subscribed from the period's start; with a rate, a meter and readings when `withUsage`. */
async function seedCustomers(sql: postgres.Sql, tag: string, withUsage: boolean) {
  const [plan] = await sql`insert into plans (name, amount_minor, currency, interval) values (${`Fibre ${tag}`}, 4900, 'EUR', 'month') returning id`;
  const [rate] = await sql`insert into rates (name, currency, components) values (${`Business ${tag}`}, 'EUR', ${RATE_COMPONENTS}::jsonb) returning id`;
  const customers = await sql<{ id: string; subscription_id: string }[]>`
    with new_customers as (
      insert into customers (name, email, currency, status)
      select ${tag} || ' customer ' || n, ${tag} || n || '@example.net', 'EUR', 'active' from generate_series(1, ${customerCount}) n
      returning id
    )
    insert into subscriptions (customer_id, plan_id, start_date, anchor_day)
    select id, ${plan!.id}, ${period.start}, 1 from new_customers
    returning customer_id as id, id as subscription_id`;
  if (withUsage) {
    await sql`insert into customer_rates (customer_id, rate_id, effective_from) select customer_id, ${rate!.id}, ${period.start} from subscriptions where plan_id = ${plan!.id}`;
    await sql`insert into meters (customer_id, key, unit, kind) select customer_id, 'data', 'GB', 'delta' from subscriptions where plan_id = ${plan!.id}`;
    // Readings spread over the month, 1 to 10 GB each: a few hundred GB a customer, so every range is used.
    await sql`
      insert into meter_readings (meter_id, read_at, value, consumption, source)
      select m.id, timestamptz '2026-10-01' + (n * interval '7 hours'), (n % 10) + 1, (n % 10) + 1, 'api'
      from meters m join subscriptions s on s.customer_id = m.customer_id and s.plan_id = ${plan!.id}
      cross join generate_series(1, ${readingsPerCustomer}) n`;
  }
  return { planId: plan!.id as string, customers };
}

/** Issues every customer's invoice for the period, `concurrency` at a time, with progress. */
async function issueAll(db: Database, what: string, planId: string, customers: { id: string; subscription_id: string }[]) {
  const started = performance.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let index = next++; index < customers.length; index = next++) {
      const customer = customers[index]!;
      await issueRecurringInvoice(db, { customerId: customer.id, subscriptionId: customer.subscription_id, planId, period });
      done += 1;
      if (done % 1000 === 0) log(`  ${what}: ${done}/${customers.length} invoices (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (performance.now() - started) / 1000;
}

await withScratchDatabase(async (databaseUrl) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uplink-bench-rating-'));
  const database = await openDatabase({ databaseUrl, dataDir, maxConnections: concurrency + 2 });
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    log(`Seeding ${customerCount} customers with ${readingsPerCustomer} readings each, and ${customerCount} plan-only customers...`);
    const usage = await seedCustomers(sql, 'usage', true);
    const baseline = await seedCustomers(sql, 'plain', false);
    await sql`analyze`;

    const baselineSeconds = await issueAll(database.db, 'baseline (plan only)', baseline.planId, baseline.customers);
    const ratingSeconds = await issueAll(database.db, 'with usage', usage.planId, usage.customers);

    const [unbilled] = await sql`select count(*)::int as n from meter_readings where invoice_id is null`;
    if (unbilled!.n !== 0) throw new Error(`${unbilled!.n} readings were left unbilled`);
    const readings = customerCount * readingsPerCustomer;
    log('');
    log(`Plan-only invoices (baseline): ${customerCount} in ${baselineSeconds.toFixed(2)} s = ${(customerCount / baselineSeconds).toFixed(0)} invoices/s`);
    log(`Invoices with usage:           ${customerCount} in ${ratingSeconds.toFixed(2)} s = ${(customerCount / ratingSeconds).toFixed(0)} invoices/s`);
    log(`Readings rated:                ${readings} in ${ratingSeconds.toFixed(2)} s = ${(readings / ratingSeconds).toFixed(0)} readings/s`);
    log(`Ratio, usage / plan-only time per invoice: ${(ratingSeconds / baselineSeconds).toFixed(2)}x`);
  } finally {
    await sql.end({ timeout: 5 });
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
