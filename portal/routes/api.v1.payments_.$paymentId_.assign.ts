// POST /api/v1/payments/:paymentId/assign
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { assignPaymentToCustomer } from '../../server/services/payments/assign-payment.js';
import { getPayment } from '../../server/services/payments/payment-records.js';
import { paymentDocumentJson } from '../../server/views/payment-json.js';

const route = apiRoute(
  implement(endpoints.assignPayment, async ({ ctx, params, body, context }) => {
    const assigned = await assignPaymentToCustomer(ctx, params.paymentId, body, { timeZone: context.settings.timeZone });
    return { body: { alreadyAssigned: assigned.alreadyAssigned, payment: paymentDocumentJson(await getPayment(ctx, params.paymentId)) } };
  }),
);

export const loader = route.loader;
export const action = route.action;
