// POST /api/v1/customers/:customerId/resume-billing
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { describeBillingStep } from '../../billing/blocks/billing-blocks.js';
import { resumeBilling } from '../../server/services/customers/billing-blocks.js';

const route = apiRoute(
  implement(endpoints.resumeBilling, async ({ ctx, params, body }) => {
    const resumed = await resumeBilling(ctx, params.customerId, body);
    return {
      body: {
        customerId: params.customerId,
        step: resumed.step,
        blockedSince: resumed.blockedSince,
        detail: `The account workflow runs ${describeBillingStep(resumed.step)} again now, then bills the periods it missed.`,
      },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
