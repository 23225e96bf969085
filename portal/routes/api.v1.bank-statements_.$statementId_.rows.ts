// GET /api/v1/bank-statements/:statementId/rows
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { listStatementRows } from '../../server/services/bank-statements/statement-rows.js';
import { statementRowJson } from '../../server/views/bank-statement-json.js';

const route = apiRoute(
  implement(endpoints.listBankStatementRows, async ({ ctx, params, query }) => {
    const page = await listStatementRows(ctx, params.statementId, query);
    return { body: { items: page.items.map(statementRowJson), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
