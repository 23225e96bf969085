// GET /api/v1/bank-statements, POST /api/v1/bank-statements (multipart/form-data)
import { apiRoute, implement, implementResponse, jsonReply } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { jsonField, optionsField, receiveImportUpload, refuseUnknownFields } from '../api/import-upload.server.js';
import { ValidationError } from '../../server/services/errors.js';
import { describeStatement } from '../../server/services/bank-statements/statement-details.js';
import { validateStatement } from '../../server/services/bank-statements/statement-validate.js';
import { listImports } from '../../server/services/imports/import-records.js';
import { discardRefusedUpload, finishUpload } from '../../server/services/imports/import-upload.js';
import { bankStatementJson } from '../../server/views/bank-statement-json.js';

/** The text parts an upload may carry beside its file. */
const UPLOAD_FIELDS = ['source', 'options', 'mapping'] as const;

const route = apiRoute(
  implement(endpoints.listBankStatements, async ({ ctx, query }) => {
    const page = await listImports(ctx, query, 'bank_statement');
    const items = await Promise.all(page.items.map(async (item) => bankStatementJson(await describeStatement(ctx, item))));
    return { body: { items, nextCursor: page.nextCursor } };
  }),
  implementResponse(endpoints.createBankStatement, async ({ ctx, request }) => {
    const upload = await receiveImportUpload(request, ctx, undefined, 'bank_statement');
    if (!upload.importId || !upload.stored) throw new ValidationError([{ field: 'file', message: 'is required: a form field named "file" with the statement' }]);
    const importId = upload.importId;
    let statement;
    try {
      refuseUnknownFields(upload.fields, UPLOAD_FIELDS);
      const options = optionsField(upload.fields);
      statement = await finishUpload(ctx, importId, upload.stored, options, upload.fields.get('source') ?? '');
      const mapping = jsonField(upload.fields, 'mapping');
      if (mapping !== undefined) statement = await validateStatement(ctx, statement.id, { mapping });
    } catch (error) {
      // Refused (no source, bad options, a file that cannot be read, a refused mapping): the client
      // never learnt this statement's id, so nothing is kept.
      await discardRefusedUpload(ctx, importId);
      throw error;
    }
    return jsonReply(endpoints.createBankStatement, bankStatementJson(await describeStatement(ctx, statement)), 201, {
      Location: `/api/v1/bank-statements/${statement.id}`,
    });
  }),
);

export const loader = route.loader;
export const action = route.action;
