// GET /api/v1/customers/:customerId/statement
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { customerStatementView } from '../api/books-endpoints.server.js';
import { customerStatement } from '../../server/services/books/customer-statement.js';

const route = apiRoute(
  implement(endpoints.customerStatement, async ({ ctx, params, query }) => ({
    body: customerStatementView(await customerStatement(ctx, params.customerId, query)),
  })),
);

export const loader = route.loader;
export const action = route.action;
