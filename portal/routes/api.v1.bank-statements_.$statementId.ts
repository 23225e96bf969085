// GET /api/v1/bank-statements/:statementId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getStatementDetails } from '../../server/services/bank-statements/statement-details.js';
import { bankStatementJson } from '../../server/views/bank-statement-json.js';

const route = apiRoute(
  implement(endpoints.getBankStatement, async ({ ctx, params }) => ({ body: bankStatementJson(await getStatementDetails(ctx, params.statementId)) })),
);

export const loader = route.loader;
export const action = route.action;
