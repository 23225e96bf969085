// Rows for tests that exercise activities directly, without a workflow: a customer on a plan.
import { anchorFromDate } from '../../billing/periods.js';
import type { Database } from '../../db/client.js';
import { customers, plans, subscriptions } from '../../db/schema.js';

export async function insertSubscribedCustomer(
  db: Database,
  options: { amountMinor?: bigint; currency?: string; startDate?: string; email?: string } = {},
) {
  const currency = options.currency ?? 'EUR';
  const startDate = options.startDate ?? '2026-01-01';
  const [plan] = await db
    .insert(plans)
    .values({ name: 'Fibre 100', amountMinor: options.amountMinor ?? 4900n, currency, interval: 'month' })
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({ name: 'Ada Lovelace', email: options.email ?? 'ada@example.net', currency, status: 'active' })
    .returning();
  const [subscription] = await db
    .insert(subscriptions)
    .values({ customerId: customer!.id, planId: plan!.id, startDate, anchorDay: anchorFromDate(startDate, 'month').day })
    .returning();
  return { plan: plan!, customer: customer!, subscription: subscription! };
}

export function fullMonth(start: string, end: string) {
  return { start, end, cycle: { start, end } };
}
