// GET /api/v1/customers/:customerId/payment-methods
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { customerCards } from '../../server/services/payments/customer-cards.js';
import { customerPaymentMethodsJson } from '../../server/views/payment-methods-json.js';
import { businessToday } from '../ui/business-today.server.js';

const route = apiRoute(
  implement(endpoints.getCustomerPaymentMethods, async ({ ctx, context, params }) => ({
    body: customerPaymentMethodsJson(await customerCards(ctx, params.customerId, businessToday(context.settings))),
  })),
);

export const loader = route.loader;
export const action = route.action;
