// GET /api/v1/customers/:customerId, with the live status of the account's workflow;
// PATCH /api/v1/customers/:customerId (name, email, payment terms)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { queryAccountStatus } from '../../server/services/customers/account-status.js';
import { updateCustomer } from '../../server/services/customers/customer-changes.js';
import { getCustomer } from '../../server/services/customers/customer-directory.js';
import { customerDetailJson, customerJson } from '../../server/views/customer-json.js';

const route = apiRoute(
  implement(endpoints.getCustomer, async ({ ctx, params }) => {
    const customer = await getCustomer(ctx, params.customerId);
    return { body: customerDetailJson(customer, await queryAccountStatus(ctx, customer.id)) };
  }),
  implement(endpoints.updateCustomer, async ({ ctx, params, body }) => {
    const updated = await updateCustomer(ctx, params.customerId, body);
    return { body: customerJson(await getCustomer(ctx, updated.id)) };
  }),
);

export const loader = route.loader;
export const action = route.action;
