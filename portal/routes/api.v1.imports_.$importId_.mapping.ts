// PUT /api/v1/imports/:importId/mapping
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { describeImport } from '../../server/services/imports/import-details.js';
import { validateImport } from '../../server/services/imports/import-validate.js';
import { importJson } from '../../server/views/import-json.js';

const route = apiRoute(
  implement(endpoints.setImportMapping, async ({ ctx, params, body, context }) => {
    const validated = await validateImport(ctx, params.importId, { mapping: body, defaultTimeZone: context.settings.timeZone });
    return { body: importJson(await describeImport(ctx, validated)) };
  }),
);

export const loader = route.loader;
export const action = route.action;
