// GET /api/v1/customers/:customerId/penalty-preview?asOf=&classId=
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { previewPenalties } from '../../server/services/collections/penalty-preview.js';
import { penaltyPreviewJson } from '../../server/views/penalty-preview-json.js';

const route = apiRoute(
  implement(endpoints.penaltyPreview, async ({ ctx, params, query }) => ({
    body: penaltyPreviewJson(await previewPenalties(ctx, { customerId: params.customerId, asOf: query.asOf, classId: query.classId })),
  })),
);

export const loader = route.loader;
export const action = route.action;
