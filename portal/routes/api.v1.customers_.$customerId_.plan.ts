// POST /api/v1/customers/:customerId/plan: another plan from the customer's next period
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { changePlan } from '../../server/services/subscriptions.js';

const route = apiRoute(
  implement(endpoints.changePlan, async ({ ctx, params, body }) => {
    await changePlan(ctx, params.customerId, body.planId);
    return {
      body: { customerId: params.customerId, detail: `The account moves to plan ${body.planId} from its next period.` },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
