// POST /api/v1/bank-statements/:statementId/commit
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { commitStatement } from '../../server/services/bank-statements/statement-commit.js';
import { describeStatement } from '../../server/services/bank-statements/statement-details.js';
import { bankStatementJson } from '../../server/views/bank-statement-json.js';

const route = apiRoute(
  implement(endpoints.commitBankStatement, async ({ ctx, params, body, apiKey }) => {
    const committed = await commitStatement(ctx, params.statementId, { mode: body.mode, recordedBy: `api-key:${apiKey?.prefix ?? 'unknown'}` });
    const details = await describeStatement(ctx, committed);
    return {
      body: {
        recorded: details.counts.recorded,
        duplicates: details.counts.duplicate,
        skipped: details.counts.debit,
        rejected: details.counts.invalid,
        statement: bankStatementJson(details),
      },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
