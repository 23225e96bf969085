// GET /api/v1/imports, POST /api/v1/imports (multipart/form-data)
import { apiRoute, implement, implementResponse, jsonReply } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { jsonField, receiveImportUpload, refuseUnknownFields } from '../api/import-upload.server.js';
import { ValidationError } from '../../server/services/errors.js';
import { describeImport } from '../../server/services/imports/import-details.js';
import { listImports } from '../../server/services/imports/import-records.js';
import { discardRefusedUpload, finishUpload } from '../../server/services/imports/import-upload.js';
import { validateImport } from '../../server/services/imports/import-validate.js';
import { importJson } from '../../server/views/import-json.js';

/** The text parts an upload may carry beside its file. */
const UPLOAD_FIELDS = ['source', 'options', 'mapping'] as const;

const route = apiRoute(
  implement(endpoints.listImports, async ({ ctx, query }) => {
    const page = await listImports(ctx, query);
    const items = await Promise.all(page.items.map(async (item) => importJson(await describeImport(ctx, item))));
    return { body: { items, nextCursor: page.nextCursor } };
  }),
  implementResponse(endpoints.createImport, async ({ ctx, request, context }) => {
    const upload = await receiveImportUpload(request, ctx);
    if (!upload.importId || !upload.stored) throw new ValidationError([{ field: 'file', message: 'is required: a form field named "file" with the readings file' }]);
    const importId = upload.importId;
    let imported;
    try {
      refuseUnknownFields(upload.fields, UPLOAD_FIELDS);
      const options = jsonField(upload.fields, 'options') ?? {};
      imported = await finishUpload(ctx, importId, upload.stored, options as object, upload.fields.get('source') ?? '');
      const mapping = jsonField(upload.fields, 'mapping');
      if (mapping !== undefined) imported = await validateImport(ctx, imported.id, { mapping, defaultTimeZone: context.settings.timeZone });
    } catch (error) {
      // Refused (no source, bad options, a file that cannot be read, a refused mapping): the client
      // never learnt this import's id, so nothing is kept.
      await discardRefusedUpload(ctx, importId);
      throw error;
    }
    return jsonReply(endpoints.createImport, importJson(await describeImport(ctx, imported)), 201, { Location: `/api/v1/imports/${imported.id}` });
  }),
);


export const loader = route.loader;
export const action = route.action;
