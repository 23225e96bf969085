import { money } from '../../billing/money.js';
import type { ServiceContext } from '../../server/services/context.js';
import { listPlans } from '../../server/services/subscriptions/plans.js';
import { formatAmount } from './format.js';
import type { PlanOption } from './plan-select.js';

/** Every plan a form can offer, newest first: all pages, since a form cannot page. */
export async function planOptions(ctx: ServiceContext, currency?: string): Promise<PlanOption[]> {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await listPlans(ctx, { limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items
    .filter((plan) => currency === undefined || plan.currency === currency)
    .map((plan) => ({
      id: plan.id,
      currency: plan.currency,
      label: `${plan.name} · ${formatAmount(money(plan.amountMinor, plan.currency))} per ${plan.interval}`,
    }));
}
