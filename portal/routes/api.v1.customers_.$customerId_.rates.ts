// GET /api/v1/customers/:customerId/rates, POST /api/v1/customers/:customerId/rates
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { assignRate, listCustomerRates } from '../../server/services/rates/customer-rates.js';
import { customerRateJson } from '../../server/views/rate-json.js';

const route = apiRoute(
  implement(endpoints.listCustomerRates, async ({ ctx, params }) => ({
    body: { items: (await listCustomerRates(ctx, params.customerId)).map(customerRateJson) },
  })),
  implement(endpoints.assignRate, async ({ ctx, params, body }) => ({
    body: customerRateJson(await assignRate(ctx, params.customerId, body)),
    headers: { Location: `/api/v1/customers/${params.customerId}/rates` },
  })),
);

export const loader = route.loader;
export const action = route.action;
