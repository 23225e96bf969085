// GET /api/v1/customers/:customerId/invoices
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { listCustomerInvoices } from '../../server/services/invoices/invoice-records.js';
import { invoiceJson } from '../../server/views/invoice-json.js';

const route = apiRoute(
  implement(endpoints.listCustomerInvoices, async ({ ctx, params, query }) => {
    const page = await listCustomerInvoices(ctx, params.customerId, query);
    return { body: { items: page.items.map(invoiceJson), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
