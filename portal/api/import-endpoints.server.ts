// The readings import endpoints of the registry (see endpoints.server.ts): upload, mapping,
// preview of invalid rows, commit, and the rejected rows as CSV.
import { z } from 'zod';
import { commitModeSchema } from '../../server/services/imports/import-commit.js';
import { importMappingWire, importWire, invalidRowWire } from '../../server/views/import-json.js';
import { describeBytes, IMPORT_UPLOAD_BYTES } from '../body-limits.server.js';
import { pageQuery } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';
import { commitResultWire, uploadFieldsWire } from './import-wires.server.js';
import { pageOf } from './wire-schemas.server.js';

const importParams = z.object({ importId: z.uuid('must be an import id (a UUID)') });

export const importEndpoints = {
  listImports: defineEndpoint({
    id: 'listImports',
    method: 'GET',
    path: '/api/v1/imports',
    tag: 'Imports',
    summary: 'List readings imports, newest first',
    authenticated: true,
    query: pageQuery,
    response: pageOf(importWire),
    successStatus: 200,
  }),
  createImport: defineEndpoint({
    id: 'createImport',
    method: 'POST',
    path: '/api/v1/imports',
    tag: 'Imports',
    summary: 'Upload a readings file (CSV, XLSX or JSON)',
    description:
      'Send `multipart/form-data` with the file and its source. Answers 201 with the detected layout (columns, sample rows) and the ' +
      'mapping to offer (the source’s saved one, or a guess from the header). With `mapping`, the file is validated at once and the ' +
      'answer has its counts; a refused `mapping` answers 422 naming the fields and keeps nothing (send the file again, or send it ' +
      'without `mapping` and the mapping with `PUT /api/v1/imports/{importId}/mapping`). Nothing is stored as readings ' +
      `until \`POST /api/v1/imports/{importId}/commit\`. The body may be up to ${describeBytes(IMPORT_UPLOAD_BYTES)}.`,
    authenticated: true,
    maxBodyBytes: IMPORT_UPLOAD_BYTES,
    body: uploadFieldsWire,
    bodyEncoding: 'multipart',
    response: importWire,
    successStatus: 201,
  }),
  getImport: defineEndpoint({
    id: 'getImport',
    method: 'GET',
    path: '/api/v1/imports/{importId}',
    tag: 'Imports',
    summary: 'Get an import: its status, counts and progress',
    authenticated: true,
    params: importParams,
    response: importWire,
    successStatus: 200,
  }),
  setImportMapping: defineEndpoint({
    id: 'setImportMapping',
    method: 'PUT',
    path: '/api/v1/imports/{importId}/mapping',
    tag: 'Imports',
    summary: 'Map the columns and validate every row',
    description:
      'Validates every row (meter, time, value, unit, duplicates, register order) and answers with the counts; ' +
      '`GET /api/v1/imports/{importId}/errors` lists the invalid rows. The mapping is saved for the source’s next file. ' +
      'Refused with 422 (`status`) while the import is being validated or committed by another request.',
    authenticated: true,
    params: importParams,
    // Strict like every JSON body: an unknown field is named as sent, not after the service's "mapping.".
    body: importMappingWire.strict().meta({ description: importMappingWire.description }),
    response: importWire,
    successStatus: 200,
  }),
  listImportErrors: defineEndpoint({
    id: 'listImportErrors',
    method: 'GET',
    path: '/api/v1/imports/{importId}/errors',
    tag: 'Imports',
    summary: 'The invalid rows of a validated import, in file order',
    authenticated: true,
    params: importParams,
    query: pageQuery,
    response: pageOf(invalidRowWire),
    successStatus: 200,
  }),
  commitImport: defineEndpoint({
    id: 'commitImport',
    method: 'POST',
    path: '/api/v1/imports/{importId}/commit',
    tag: 'Imports',
    summary: 'Store the valid rows as readings',
    description:
      '`all_or_nothing` (the default) is refused with 422 while any row is invalid; `valid_only` stores the valid rows, and ' +
      '`GET /api/v1/imports/{importId}/rejected.csv` has the others. Committing again answers the same and stores nothing more. ' +
      'Refused with 422 (`status`) when readings stored since validation change a register’s consumption (validate again), and ' +
      'all_or_nothing is refused naming the lines when another value was stored since for one of the file’s meters and times ' +
      '(valid_only rejects those rows).',
    authenticated: true,
    params: importParams,
    body: z.object({ mode: commitModeSchema.optional() }).strict(),
    response: commitResultWire,
    successStatus: 200,
  }),
  rejectedImportRows: defineEndpoint({
    id: 'rejectedImportRows',
    method: 'GET',
    path: '/api/v1/imports/{importId}/rejected.csv',
    tag: 'Imports',
    summary: 'The invalid rows as CSV: line, column, reason and the row as it was',
    authenticated: true,
    params: importParams,
    response: z.string().meta({ description: 'CSV with a header row: line, column, reason, then the file’s own columns.' }),
    responseMediaType: 'text/csv',
    successStatus: 200,
  }),
};
