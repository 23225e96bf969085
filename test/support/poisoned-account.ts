// An account whose next invoice the database refuses: its plan's price is written straight into
// the database at bigint's maximum (past the bound the services enforce) and a rate adds a line
// rental, so the invoice total no longer fits in a bigint column. Billing it blocks for good
// until the price is fixed (`fixPrice`).
import { eq } from 'drizzle-orm';
import { plans } from '../../db/schema.js';
import type { ServiceContext } from '../../server/services/context.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { assignRate } from '../../server/services/rates/customer-rates.js';
import { createRate } from '../../server/services/rates/rates.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { subscribeCustomer } from '../../server/services/subscriptions/subscriptions.js';

export const LINE_RENTAL_MINOR = 1000n;
export const FIXED_PRICE_MINOR = 4900n;

export async function createPoisonedAccount(ctx: ServiceContext, who: { name: string; email: string; startDate: string }) {
  const plan = await createPlan(ctx, { name: `Poisoned plan of ${who.name}`, amount: Number(FIXED_PRICE_MINOR), currency: 'EUR', interval: 'month' });
  const rental = await createRate(ctx, {
    name: `Line rental of ${who.name}`,
    currency: 'EUR',
    components: [{ type: 'fixed', name: 'Line rental', amount: Number(LINE_RENTAL_MINOR) }],
  });
  // Set up without a plan first, so nothing is billed before the poison is in place.
  const { customer } = await createCustomer(ctx, { name: who.name, email: who.email, currency: 'EUR' });
  await assignRate(ctx, customer.id, { rateId: rental.id, from: who.startDate });
  await ctx.db.update(plans).set({ amountMinor: 9223372036854775807n }).where(eq(plans.id, plan.id));
  await subscribeCustomer(ctx, customer.id, { planId: plan.id, startDate: who.startDate });
  return {
    customer,
    /** What staff do before resuming: put the plan's price right. */
    fixPrice: () => ctx.db.update(plans).set({ amountMinor: FIXED_PRICE_MINOR }).where(eq(plans.id, plan.id)),
  };
}

/** The reason a poisoned account blocks with (or, should rating bound the plan's line, that bound's). */
export const POISONED_REASON =
  /^issueRecurringInvoice: (the database refused the data: value "\d+" is out of range for type bigint \(SQLSTATE 22003\)|.*more than an invoice line may hold)/;
