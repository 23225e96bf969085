// GET /api/v1/invoices/:invoiceId, with its lines
import { businessDateAt } from '../../billing/payments/business-date.js';
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getInvoice } from '../../server/services/invoices/invoice-records.js';
import { invoiceDocumentJson } from '../../server/views/invoice-json.js';

const route = apiRoute(
  implement(endpoints.getInvoice, async ({ ctx, context, params }) => ({
    body: invoiceDocumentJson(await getInvoice(ctx, params.invoiceId), businessDateAt(Date.now(), context.settings.timeZone)),
  })),
);

export const loader = route.loader;
export const action = route.action;
