// GET /api/v1/credit-notes/:creditNoteId, with its lines
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { creditNoteDocumentJson } from '../../server/views/credit-note-json.js';
import { getCreditNote } from '../../server/services/credit-notes/credit-note-records.js';

const route = apiRoute(
  implement(endpoints.getCreditNote, async ({ ctx, params }) => ({ body: creditNoteDocumentJson(await getCreditNote(ctx, params.creditNoteId)) })),
);

export const loader = route.loader;
export const action = route.action;
