// A plan as JSON: the one shape the REST API answers with and `uplink plans ... --json` prints.
// Money in wire form (minor units as a string: JSON numbers lose precision past 2^53), times as
// ISO strings.
import { z } from 'zod';
import { money, toWire } from '../../billing/money.js';
import type { Plan } from '../services/subscriptions/plans.js';
import { id, moneyWire, timestamp } from './wire-parts.js';

export const planWire = z
  .object({
    id,
    name: z.string(),
    amount: moneyWire.meta({ description: 'The price of one period.' }),
    interval: z.enum(['month', 'year']),
    createdAt: timestamp,
  })
  .meta({ id: 'Plan' });

export function planJson(plan: Plan): z.input<typeof planWire> {
  return {
    id: plan.id,
    name: plan.name,
    amount: toWire(money(plan.amountMinor, plan.currency)),
    interval: plan.interval,
    createdAt: plan.createdAt.toISOString(),
  };
}
