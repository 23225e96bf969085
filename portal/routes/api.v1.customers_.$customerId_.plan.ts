// POST /api/v1/customers/:customerId/plan: another plan from the customer's next period
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { ACTIVE_SUBSCRIPTION, PLAN_IN_BODY, referencesAsFieldProblems } from '../api/references.server.js';
import { assertCustomerExists } from '../../server/services/customers/customer-directory.js';
import { changePlan } from '../../server/services/subscriptions/subscription-changes.js';

const route = apiRoute(
  implement(endpoints.changePlan, async ({ ctx, params, body }) => {
    await assertCustomerExists(ctx, params.customerId);
    const change = await referencesAsFieldProblems(changePlan(ctx, params.customerId, body.planId), PLAN_IN_BODY, ACTIVE_SUBSCRIPTION);
    return {
      body: { customerId: params.customerId, detail: `The account moves to plan ${change.planId} from its next period, on ${change.effectiveFrom}.` },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
