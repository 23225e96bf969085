// POST /api/v1/customers/:customerId/subscriptions: a customer set up without a plan gets one
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { PLAN_IN_BODY, referencesAsFieldProblems } from '../api/references.server.js';
import { getCustomer } from '../../server/services/customers/customer-directory.js';
import { subscribeCustomer } from '../../server/services/subscriptions/subscriptions.js';
import { customerJson } from '../../server/views/customer-json.js';

const route = apiRoute(
  implement(endpoints.subscribeCustomer, async ({ ctx, params, body }) => {
    await referencesAsFieldProblems(subscribeCustomer(ctx, params.customerId, body), PLAN_IN_BODY);
    return {
      body: customerJson(await getCustomer(ctx, params.customerId)),
      headers: { Location: `/api/v1/customers/${params.customerId}` },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
