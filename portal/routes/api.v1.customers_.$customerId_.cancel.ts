// POST /api/v1/customers/:customerId/cancel
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { ACTIVE_SUBSCRIPTION, referencesAsFieldProblems } from '../api/references.server.js';
import { assertCustomerExists } from '../../server/services/customers/customer-directory.js';
import { cancelSubscription } from '../../server/services/subscriptions/subscription-changes.js';

const route = apiRoute(
  implement(endpoints.cancelSubscription, async ({ ctx, params }) => {
    await assertCustomerExists(ctx, params.customerId);
    await referencesAsFieldProblems(cancelSubscription(ctx, params.customerId), ACTIVE_SUBSCRIPTION);
    return {
      body: { customerId: params.customerId, detail: 'The account workflow bills the days used in the current period, then stops.' },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
