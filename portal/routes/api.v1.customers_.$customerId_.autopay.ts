// PATCH /api/v1/customers/:customerId/autopay
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { changeCustomerAutopay } from '../../server/services/payments/customer-cards.js';
import { customerPaymentMethodsJson } from '../../server/views/payment-methods-json.js';
import { businessToday } from '../ui/business-today.server.js';

const route = apiRoute(
  implement(endpoints.setCustomerAutopay, async ({ ctx, context, params, body }) => ({
    body: customerPaymentMethodsJson(await changeCustomerAutopay(ctx, params.customerId, body.autopay, businessToday(context.settings))),
  })),
);

export const loader = route.loader;
export const action = route.action;
