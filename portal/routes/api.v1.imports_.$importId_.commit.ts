// POST /api/v1/imports/:importId/commit
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { commitImport, commitResult } from '../../server/services/imports/import-commit.js';
import { describeImport } from '../../server/services/imports/import-details.js';
import { importJson } from '../../server/views/import-json.js';

const route = apiRoute(
  implement(endpoints.commitImport, async ({ ctx, params, body }) => {
    const committed = await commitImport(ctx, params.importId, { mode: body.mode });
    return { body: { ...commitResult(committed), import: importJson(await describeImport(ctx, committed)) } };
  }),
);

export const loader = route.loader;
export const action = route.action;
