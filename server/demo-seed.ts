// Demo data for a first start: two plans and a few customers whose service began months ago, so
// their workflows have invoices, ledger entries and emails to show at once. The business
// customers also have a usage rate, meters and daily readings; a catalog of services and parts,
// a one-off invoice and quotes awaiting an answer show one-off billing.
import { eq } from 'drizzle-orm';
import { addDays, isoDateFromEpochMs } from '../billing/calendar.js';
import { customers, plans, rates, systemFlags } from '../db/schema.js';
import { seedDemoDocuments } from './demo-documents.js';
import { insertDemoRate, seedDemoUsage } from './demo-usage.js';
import type { ServiceContext } from './services/context.js';
import { createCustomer } from './services/customers/customers.js';
import { createPlan } from './services/subscriptions/plans.js';
import { subscribeCustomer } from './services/subscriptions/subscriptions.js';

const DEMO_SEEDED = 'demo-data-seeded';

/** A seed interrupted half-way must not create anything twice when it runs again. */
async function demoPlan(ctx: ServiceContext, plan: { name: string; amount: number; currency: string; interval: 'month' | 'year' }) {
  const [existing] = await ctx.db.select().from(plans).where(eq(plans.name, plan.name));
  return existing ?? createPlan(ctx, plan);
}

export async function seedDemoDataOnce(ctx: ServiceContext, log: (line: string) => void): Promise<boolean> {
  const [seeded] = await ctx.db.select().from(systemFlags).where(eq(systemFlags.key, DEMO_SEEDED));
  if (seeded) return false;

  const home = await demoPlan(ctx, { name: 'Home Fibre 300', amount: 3900, currency: 'EUR', interval: 'month' });
  const business = await demoPlan(ctx, { name: 'Business Fibre 1G', amount: 14900, currency: 'EUR', interval: 'month' });
  const today = isoDateFromEpochMs(Date.now());
  const demoCustomers = [
    { name: 'Ada Lovelace', email: 'ada@example.net', planId: home.id, startDate: addDays(today, -120) },
    { name: 'Grace Hopper', email: 'grace@example.net', planId: home.id, startDate: addDays(today, -45) },
    // Starts mid-month but renews on the 1st: its first invoice is prorated by day.
    { name: 'Hopper & Sons Ltd', email: 'accounts@hopper-sons.example', planId: business.id, startDate: addDays(today, -75), billingDay: 1, usage: true },
    { name: 'Linus Networks', email: 'billing@linus-networks.example', planId: business.id, startDate: addDays(today, -200), usage: true },
  ];
  const [existingRate] = await ctx.db.select().from(rates).where(eq(rates.name, 'Business Data & Voice'));
  const rate = existingRate ?? (await insertDemoRate(ctx));
  for (const { usage, ...customer } of demoCustomers) {
    const [existing] = await ctx.db.select().from(customers).where(eq(customers.email, customer.email));
    if (existing) continue;
    if (usage) {
      // Rate, meters and readings go in before the subscription starts its workflow, so that
      // the back-dated periods it bills at once include their consumption.
      const { customer: created } = await createCustomer(ctx, { name: customer.name, email: customer.email, currency: 'EUR' });
      await seedDemoUsage(ctx, created.id, rate.id, customer.startDate, today);
      await subscribeCustomer(ctx, created.id, { planId: customer.planId, startDate: customer.startDate, billingDay: customer.billingDay });
    } else {
      await createCustomer(ctx, { ...customer, currency: 'EUR' });
    }
    log(`  demo customer ${customer.name} (since ${customer.startDate}${usage ? ', with metered usage' : ''})`);
  }
  await seedDemoDocuments(ctx, log);
  await ctx.db.insert(systemFlags).values({ key: DEMO_SEEDED }).onConflictDoNothing();
  return true;
}
