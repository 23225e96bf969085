// GET /api/v1/plans/:planId, PATCH /api/v1/plans/:planId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { planView } from '../api/views.server.js';
import { getPlan, updatePlan } from '../../server/services/subscriptions/plans.js';

const route = apiRoute(
  implement(endpoints.getPlan, async ({ ctx, params }) => ({ body: planView(await getPlan(ctx, params.planId)) })),
  implement(endpoints.updatePlan, async ({ ctx, params, body }) => ({ body: planView(await updatePlan(ctx, params.planId, body)) })),
);

export const loader = route.loader;
export const action = route.action;
