// GET /api/v1/payments (filtered, page by page); POST to record a payment received by bank
// transfer, cash or cheque (idempotent with an Idempotency-Key header)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { idempotencyKeyOf } from '../api/idempotency-key.server.js';
import { recordManualPayment } from '../../server/services/payments/manual-payments.js';
import { listPayments } from '../../server/services/payments/payment-records.js';
import { paymentDocumentJson, paymentJson } from '../../server/views/payment-json.js';

const route = apiRoute(
  implement(endpoints.listPayments, async ({ ctx, query }) => {
    const page = await listPayments(ctx, query);
    return { body: { items: page.items.map(paymentJson), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.recordPayment, async ({ ctx, context, body, request, apiKey }) => {
    const { payment, replayed } = await recordManualPayment(ctx, body, {
      channel: 'api',
      recordedBy: `api-key:${apiKey?.prefix ?? 'unknown'}`,
      timeZone: context.settings.timeZone,
      idempotency: idempotencyKeyOf(request, apiKey),
    });
    return {
      body: paymentDocumentJson(payment),
      headers: { Location: `/api/v1/payments/${payment.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
