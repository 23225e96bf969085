// GET /api/v1/payments/:paymentId, with the invoices it paid
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getPayment } from '../../server/services/payments/payment-records.js';
import { paymentDocumentJson } from '../../server/views/payment-json.js';

const route = apiRoute(implement(endpoints.getPayment, async ({ ctx, params }) => ({ body: paymentDocumentJson(await getPayment(ctx, params.paymentId)) })));

export const loader = route.loader;
export const action = route.action;
