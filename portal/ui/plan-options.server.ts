import { money } from '../../billing/money.js';
import type { ServiceContext } from '../../server/services/context.js';
import { listPlans } from '../../server/services/plans.js';
import { formatAmount } from './format.js';
import type { PlanOption } from './plan-select.js';

/** The plans a form offers, newest first (one page of the most a page allows; plans are few). */
export async function planOptions(ctx: ServiceContext, currency?: string): Promise<PlanOption[]> {
  const { items } = await listPlans(ctx, { limit: 100 });
  return items
    .filter((plan) => currency === undefined || plan.currency === currency)
    .map((plan) => ({
      id: plan.id,
      currency: plan.currency,
      label: `${plan.name} · ${formatAmount(money(plan.amountMinor, plan.currency))} per ${plan.interval}`,
    }));
}
