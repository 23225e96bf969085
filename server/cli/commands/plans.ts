// `uplink plans create|list`.
import { formatMoney, money } from '../../../billing/money.js';
import { createPlan, listPlans, type Plan } from '../../services/subscriptions/plans.js';
import { planJson } from '../../views/plan-json.js';
import type { Command } from '../command.js';
import { timestamp, type HumanPrinter } from '../output.js';
import { nextPageHint, pageOptions } from './paging.js';

const price = (plan: Plan) => `${formatMoney(money(plan.amountMinor, plan.currency))} a ${plan.interval}`;

function printPlans(print: HumanPrinter, plans: Plan[]): void {
  if (plans.length === 0) {
    print.line('No plans yet. Create one with `uplink plans create`.');
    return;
  }
  print.table(
    [{ header: 'ID' }, { header: 'NAME' }, { header: 'PRICE', align: 'right' }, { header: 'INTERVAL' }, { header: 'CREATED' }],
    plans.map((plan) => [plan.id, plan.name, formatMoney(money(plan.amountMinor, plan.currency)), plan.interval, timestamp(plan.createdAt)]),
  );
}

export const plansCreate: Command = {
  name: 'plans create',
  summary: 'Create a plan: a recurring price customers subscribe to.',
  options: {
    name: { type: 'string', description: 'the name staff and customers see', placeholder: '<text>', required: true },
    amount: { type: 'string', description: 'the price in minor units, e.g. 3900 for 39.00', placeholder: '<minor units>', required: true },
    currency: { type: 'string', description: 'ISO 4217 code, e.g. EUR', placeholder: '<code>', required: true },
    interval: { type: 'string', description: 'how often it is billed: month or year', placeholder: '<month|year>', required: true },
  },
  temporal: 'none',
  async run(input, { ctx }, out) {
    const plan = await createPlan(ctx, {
      name: input.option('name'),
      amount: input.option('amount'),
      currency: input.option('currency'),
      interval: input.option('interval'),
    });
    out.result(planJson(plan), (print) => print.line(`Created plan ${plan.name} (${price(plan)}), id ${plan.id}`));
  },
};

export const plansList: Command = {
  name: 'plans list',
  summary: 'List plans, newest first.',
  options: pageOptions,
  temporal: 'none',
  async run(input, { ctx }, out) {
    const page = await listPlans(ctx, { limit: input.option('limit'), cursor: input.option('cursor') });
    out.result({ items: page.items.map(planJson), nextCursor: page.nextCursor }, (print) => {
      printPlans(print, page.items);
      nextPageHint(print, page.nextCursor);
    });
  },
};
