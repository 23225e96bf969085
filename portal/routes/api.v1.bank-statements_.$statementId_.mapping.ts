// PUT /api/v1/bank-statements/:statementId/mapping
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { describeStatement } from '../../server/services/bank-statements/statement-details.js';
import { validateStatement } from '../../server/services/bank-statements/statement-validate.js';
import { bankStatementJson } from '../../server/views/bank-statement-json.js';

const route = apiRoute(
  implement(endpoints.setBankStatementMapping, async ({ ctx, params, body }) => {
    const validated = await validateStatement(ctx, params.statementId, { mapping: body });
    return { body: bankStatementJson(await describeStatement(ctx, validated)) };
  }),
);

export const loader = route.loader;
export const action = route.action;
