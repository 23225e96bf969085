// GET /api/v1/penalty-classes, POST /api/v1/penalty-classes
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { createPenaltyClass, listPenaltyClasses } from '../../server/services/collections/penalty-classes.js';
import { penaltyClassJson, penaltyClassSummaryJson } from '../../server/views/penalty-class-json.js';

const route = apiRoute(
  implement(endpoints.listPenaltyClasses, async ({ ctx }) => ({ body: { items: (await listPenaltyClasses(ctx)).map(penaltyClassSummaryJson) } })),
  implement(endpoints.createPenaltyClass, async ({ ctx, body }) => {
    const penaltyClass = await createPenaltyClass(ctx, body);
    return { body: penaltyClassJson(penaltyClass), headers: { Location: `/api/v1/penalty-classes/${penaltyClass.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
