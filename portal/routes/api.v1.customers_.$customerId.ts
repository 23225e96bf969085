// GET /api/v1/customers/:customerId, with the live status of the account's workflow
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { queryAccountStatus } from '../../server/services/customers/account-status.js';
import { getCustomer } from '../../server/services/customers/customer-directory.js';
import { customerDetailJson } from '../../server/views/customer-json.js';

const route = apiRoute(
  implement(endpoints.getCustomer, async ({ ctx, params }) => {
    const customer = await getCustomer(ctx, params.customerId);
    return { body: customerDetailJson(customer, await queryAccountStatus(ctx, customer.id)) };
  }),
);

export const loader = route.loader;
export const action = route.action;
