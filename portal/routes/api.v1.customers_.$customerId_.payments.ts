// GET /api/v1/customers/:customerId/payments
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { listCustomerPayments } from '../../server/services/payments/payment-records.js';
import { paymentJson } from '../../server/views/payment-json.js';

const route = apiRoute(
  implement(endpoints.listCustomerPayments, async ({ ctx, params, query }) => {
    const page = await listCustomerPayments(ctx, params.customerId, query);
    return { body: { items: page.items.map(paymentJson), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
