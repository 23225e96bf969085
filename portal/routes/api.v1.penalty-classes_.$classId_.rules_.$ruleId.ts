// PUT /api/v1/penalty-classes/:classId/rules/:ruleId, DELETE (archives the rule)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { archivePenaltyRule, replacePenaltyRule } from '../../server/services/collections/penalty-rules.js';
import { penaltyClassJson } from '../../server/views/penalty-class-json.js';

const route = apiRoute(
  implement(endpoints.replacePenaltyRule, async ({ ctx, params, body }) => ({
    body: penaltyClassJson(await replacePenaltyRule(ctx, params.classId, params.ruleId, body)),
  })),
  implement(endpoints.archivePenaltyRule, async ({ ctx, params }) => ({ body: penaltyClassJson(await archivePenaltyRule(ctx, params.classId, params.ruleId)) })),
);

export const loader = route.loader;
export const action = route.action;
