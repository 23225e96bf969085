// GET /api/v1/invoices/:invoiceId/credit-notes, POST to credit the invoice (whole or some lines)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { idempotencyKeyOf } from '../api/idempotency-key.server.js';
import { creditNoteDocumentJson, creditNoteJson } from '../../server/views/credit-note-json.js';
import { listInvoiceCreditNotes } from '../../server/services/credit-notes/credit-note-records.js';
import { createCreditNote } from '../../server/services/credit-notes/credit-notes.js';

const route = apiRoute(
  implement(endpoints.listInvoiceCreditNotes, async ({ ctx, params }) => ({
    body: { items: (await listInvoiceCreditNotes(ctx, params.invoiceId)).map(creditNoteJson) },
  })),
  implement(endpoints.createCreditNote, async ({ ctx, params, body, request, apiKey }) => {
    const { creditNote, replayed } = await createCreditNote(ctx, params.invoiceId, body, idempotencyKeyOf(request, apiKey));
    return {
      body: creditNoteDocumentJson(creditNote),
      headers: { Location: `/api/v1/credit-notes/${creditNote.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
