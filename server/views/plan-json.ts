// A plan as JSON: the one shape the REST API answers with and `uplink plans ... --json` prints.
// Money in wire form (minor units as a string: JSON numbers lose precision past 2^53), times as
// ISO strings.
import { money, toWire, type MoneyWire } from '../../billing/money.js';
import type { Plan } from '../services/subscriptions/plans.js';

export interface PlanJson {
  id: string;
  name: string;
  /** The price of one period. */
  amount: MoneyWire;
  interval: Plan['interval'];
  createdAt: string;
}

export function planJson(plan: Plan): PlanJson {
  return {
    id: plan.id,
    name: plan.name,
    amount: toWire(money(plan.amountMinor, plan.currency)),
    interval: plan.interval,
    createdAt: plan.createdAt.toISOString(),
  };
}
