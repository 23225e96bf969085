// GET /api/v1/customers/:customerId/ledger
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { customerLedger } from '../../server/services/books/customer-ledger.js';
import { ledgerEntryJson } from '../../server/views/ledger-entry-json.js';

const route = apiRoute(
  implement(endpoints.customerLedger, async ({ ctx, params, query }) => {
    const page = await customerLedger(ctx, params.customerId, query);
    return { body: { items: page.items.map(ledgerEntryJson), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
