// GET /api/v1/imports/:importId/rejected.csv
import { apiRoute, implementResponse } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { rejectedRowsCsv } from '../../server/services/imports/import-errors.js';
import { csvDownload } from '../ui/csv-download.server.js';

const route = apiRoute(
  implementResponse(endpoints.rejectedImportRows, async ({ ctx, params }) => csvDownload(await rejectedRowsCsv(ctx, params.importId))),
);

export const loader = route.loader;
export const action = route.action;
