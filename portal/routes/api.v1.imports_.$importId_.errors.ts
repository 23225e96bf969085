// GET /api/v1/imports/:importId/errors
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { listInvalidRows } from '../../server/services/imports/import-errors.js';
import { invalidRowJson } from '../../server/views/import-json.js';

const route = apiRoute(
  implement(endpoints.listImportErrors, async ({ ctx, params, query }) => {
    const page = await listInvalidRows(ctx, params.importId, query);
    return { body: { items: page.items.map(invalidRowJson), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
