// GET /api/v1/customers/:customerId/invoices
import { businessDateAt } from '../../billing/payments/business-date.js';
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { listCustomerInvoices } from '../../server/services/invoices/invoice-records.js';
import { invoiceJson } from '../../server/views/invoice-json.js';

const route = apiRoute(
  implement(endpoints.listCustomerInvoices, async ({ ctx, context, params, query }) => {
    const page = await listCustomerInvoices(ctx, params.customerId, query);
    const today = businessDateAt(Date.now(), context.settings.timeZone);
    return { body: { items: page.items.map((invoice) => invoiceJson(invoice, today)), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
