// GET /api/v1/imports/:importId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getImportDetails } from '../../server/services/imports/import-details.js';
import { importJson } from '../../server/views/import-json.js';

const route = apiRoute(
  implement(endpoints.getImport, async ({ ctx, params }) => ({ body: importJson(await getImportDetails(ctx, params.importId)) })),
);

export const loader = route.loader;
export const action = route.action;
