// GET /api/v1/plans, POST /api/v1/plans
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { planView } from '../api/views.server.js';
import { createPlan, listPlans } from '../../server/services/subscriptions/plans.js';

const route = apiRoute(
  implement(endpoints.listPlans, async ({ ctx, query }) => {
    const page = await listPlans(ctx, query);
    return { body: { items: page.items.map(planView), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createPlan, async ({ ctx, body }) => {
    const plan = await createPlan(ctx, body);
    return { body: planView(plan), headers: { Location: `/api/v1/plans/${plan.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
