// GET /api/v1/plans/:planId, PATCH /api/v1/plans/:planId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getPlan, updatePlan } from '../../server/services/subscriptions/plans.js';
import { planJson } from '../../server/views/plan-json.js';

const route = apiRoute(
  implement(endpoints.getPlan, async ({ ctx, params }) => ({ body: planJson(await getPlan(ctx, params.planId)) })),
  implement(endpoints.updatePlan, async ({ ctx, params, body }) => ({ body: planJson(await updatePlan(ctx, params.planId, body)) })),
);

export const loader = route.loader;
export const action = route.action;
