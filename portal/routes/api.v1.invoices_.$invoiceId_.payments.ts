// GET /api/v1/invoices/:invoiceId/payments: payments and customer credit applied to the invoice
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { listInvoicePayments } from '../../server/services/payments/payment-records.js';
import { invoicePaymentJson } from '../../server/views/payment-json.js';

const route = apiRoute(
  implement(endpoints.listInvoicePayments, async ({ ctx, params }) => ({
    body: { items: (await listInvoicePayments(ctx, params.invoiceId)).map(invoicePaymentJson) },
  })),
);

export const loader = route.loader;
export const action = route.action;
