// POST /api/v1/invoices: a one-off invoice of catalog items (idempotent with an Idempotency-Key header)
import { businessDateAt } from '../../billing/payments/business-date.js';
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { idempotencyKeyOf } from '../api/idempotency-key.server.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { invoiceDocumentJson } from '../../server/views/invoice-json.js';

const route = apiRoute(
  implement(endpoints.createOneOffInvoice, async ({ ctx, context, body, request, apiKey }) => {
    const { invoice, replayed } = await createOneOffInvoice(ctx, body, idempotencyKeyOf(request, apiKey));
    return {
      body: invoiceDocumentJson(invoice, businessDateAt(Date.now(), context.settings.timeZone)),
      headers: { Location: `/api/v1/invoices/${invoice.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
