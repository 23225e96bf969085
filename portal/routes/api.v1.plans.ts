// GET /api/v1/plans, POST /api/v1/plans
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { createPlan, listPlans } from '../../server/services/subscriptions/plans.js';
import { planJson } from '../../server/views/plan-json.js';

const route = apiRoute(
  implement(endpoints.listPlans, async ({ ctx, query }) => {
    const page = await listPlans(ctx, query);
    return { body: { items: page.items.map(planJson), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createPlan, async ({ ctx, body }) => {
    const plan = await createPlan(ctx, body);
    return { body: planJson(plan), headers: { Location: `/api/v1/plans/${plan.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
