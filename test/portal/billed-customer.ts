// A customer whose account has already been billed: started two monthly periods ago, so its
// workflow invoices (and emails) the two completed months within seconds of being created.
import { isoDateFromEpochMs } from '../../billing/calendar.js';
import { createCustomer } from '../../server/services/customers.js';
import type { ServiceContext } from '../../server/services/context.js';
import type { Plan } from '../../server/services/plans.js';
import { emailsOf, invoicesOf } from '../support/billing-records.js';
import { eventually } from '../support/eventually.js';
import { monthlyBoundary } from '../support/month-arithmetic.js';

export const BILLED_MONTHS = 2;

/**
 * A start date exactly two completed months back, renewing on a day that is not today: today is
 * then inside a period, so cancelling today always bills a final (partial) period.
 */
export function twoMonthsAgo(): string {
  const [year, month, day] = isoDateFromEpochMs(Date.now()).split('-').map(Number);
  const anchorDay = day === 1 ? 2 : 1;
  return monthlyBoundary(year!, month!, anchorDay < day! ? -BILLED_MONTHS : -BILLED_MONTHS - 1, anchorDay);
}

export async function createBilledCustomer(ctx: ServiceContext, plan: Plan, who: { name: string; email: string }) {
  const { customer } = await createCustomer(ctx, { ...who, currency: plan.currency, planId: plan.id, startDate: twoMonthsAgo() });
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
  return { customer, ...records };
}
