// GET /api/v1/payments/:paymentId/refunds; POST to refund the payment, whole or in part
// (idempotent with an Idempotency-Key header)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { idempotencyKeyOf } from '../api/idempotency-key.server.js';
import { listPaymentRefunds } from '../../server/services/payments/refund-records.js';
import { refundPayment } from '../../server/services/payments/refunds.js';
import { refundJson } from '../../server/views/refund-json.js';

const route = apiRoute(
  implement(endpoints.listPaymentRefunds, async ({ ctx, params }) => ({
    body: { items: (await listPaymentRefunds(ctx, params.paymentId)).map(refundJson) },
  })),
  implement(endpoints.refundPayment, async ({ ctx, context, params, body, request, apiKey }) => {
    const { refund, replayed } = await refundPayment(ctx, params.paymentId, body, {
      recordedBy: `api-key:${apiKey?.prefix ?? 'unknown'}`,
      timeZone: context.settings.timeZone,
      idempotency: idempotencyKeyOf(request, apiKey),
    });
    return {
      body: refundJson(refund),
      headers: { Location: `/api/v1/payments/${refund.paymentId}/refunds`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
