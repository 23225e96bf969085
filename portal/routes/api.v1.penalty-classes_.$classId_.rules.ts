// POST /api/v1/penalty-classes/:classId/rules
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { addPenaltyRule } from '../../server/services/collections/penalty-rules.js';
import { penaltyClassJson } from '../../server/views/penalty-class-json.js';

const route = apiRoute(
  implement(endpoints.addPenaltyRule, async ({ ctx, params, body }) => {
    const penaltyClass = await addPenaltyRule(ctx, params.classId, body);
    return { body: penaltyClassJson(penaltyClass), headers: { Location: `/api/v1/penalty-classes/${penaltyClass.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
