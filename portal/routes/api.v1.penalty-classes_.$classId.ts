// GET /api/v1/penalty-classes/:classId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getPenaltyClass } from '../../server/services/collections/penalty-classes.js';
import { penaltyClassJson } from '../../server/views/penalty-class-json.js';

const route = apiRoute(
  implement(endpoints.getPenaltyClass, async ({ ctx, params }) => ({ body: penaltyClassJson(await getPenaltyClass(ctx, params.classId)) })),
);

export const loader = route.loader;
export const action = route.action;
