// A customer whose account has already been billed: started two monthly periods ago, so its
// workflow invoices (and emails) the two completed months within seconds of being created.
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import type { ServiceContext } from '../../server/services/context.js';
import type { Plan } from '../../server/services/subscriptions/plans.js';
import { emailsOf, invoicesOf } from './billing-records.js';
import { eventually } from './eventually.js';
import { monthlyBoundary } from './month-arithmetic.js';

export const BILLED_MONTHS = 2;

/**
 * A start date exactly two completed months back, renewing on a day that is neither today nor
 * tomorrow: today is then inside a period, so cancelling today always bills a final (partial)
 * period, and no period ends while a test runs across midnight.
 */
export function twoMonthsAgo(): string {
  const today = isoDateFromEpochMs(Date.now());
  const [year, month, day] = today.split('-').map(Number);
  const tomorrow = Number(addDays(today, 1).slice(8, 10));
  const anchorDay = [1, 2, 3].find((candidate) => candidate !== day && candidate !== tomorrow) ?? 1;
  return monthlyBoundary(year!, month!, anchorDay < day! ? -BILLED_MONTHS : -BILLED_MONTHS - 1, anchorDay);
}

export async function createBilledCustomer(ctx: ServiceContext, plan: Plan, who: { name: string; email: string }) {
  const startDate = twoMonthsAgo();
  const { customer } = await createCustomer(ctx, { ...who, currency: plan.currency, planId: plan.id, startDate });
  const records = await eventually(
    async () => {
      const [invoices, emails] = await Promise.all([invoicesOf(ctx.db, customer.id), emailsOf(ctx.db, customer.id)]);
      if (invoices.length < BILLED_MONTHS || emails.filter((email) => email.status !== 'pending').length < BILLED_MONTHS) {
        throw new Error(`${invoices.length} invoices and ${emails.length} emails so far`);
      }
      return { invoices, emails };
    },
    { what: `the first ${BILLED_MONTHS} invoices of ${who.name}` },
  );
  return { customer, startDate, ...records };
}
