// The one-off invoice and credit note endpoints of the registry (see endpoints.server.ts). Their
// fields are checked by the services, which report every bad one at once with paths such as
// `lines[1].quantity`; the schemas here document their shape.
import { z } from 'zod';
import { newCreditNoteSchema } from '../../server/services/credit-notes/credit-notes.js';
import { newOneOffInvoiceSchema } from '../../server/services/invoices/one-off-invoices.js';
import { creditNoteDocumentWire, creditNoteWire } from '../../server/views/credit-note-json.js';
import { invoiceDocumentWire } from '../../server/views/invoice-json.js';
import { documented, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';

/** Every field passes through to the service (which names each bad one); documented all the same. */
export function checkedByService<T extends z.ZodObject>(schema: T): T {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([field, type]) => [field, (type as z.ZodType<unknown>).catch((ctx: { value: unknown }) => ctx.value)]));
  return schema.extend(shape) as unknown as T;
}

const idempotencyHeader = {
  name: 'Idempotency-Key',
  description: 'Any unique string up to 255 characters. Reusing it with a different body is refused with 422.',
};

const oneOffInvoiceInput = checkedByService(
  documented(newOneOffInvoiceSchema, {
    customerId: { description: 'The customer billed; the items must be priced in their currency.' },
    lines: {
      description:
        'Item lines: `itemId` (an active catalog item) and `quantity` (decimal text such as "1.5", above zero); optionally ' +
        '`unitAmountMinor` (net unit price in minor units), `description` and `taxRate` (percent) to override the item’s.',
    },
    issueDate: { description: 'Defaults to today; from 1 January of last year up to today. Its year chooses the number series.', examples: ['2026-11-25'] },
  }),
).strict();

const creditNoteInput = checkedByService(
  documented(newCreditNoteSchema, {
    reason: { description: 'Why the invoice is credited; shown to the customer.', examples: ['Router returned unused'] },
    lines: {
      description:
        'Leave out to credit all that remains of the invoice. Otherwise the lines to credit: `position` (the invoice line’s) and ' +
        'optionally `amountMinor`, the net amount to take back in minor units (all that remains of the line when left out). The ' +
        'line’s tax is taken back in proportion, rounded once.',
    },
  }),
).strict();

const invoiceParams = z.object({ invoiceId: uuidParam('an invoice') });

export const invoiceEndpoints = {
  createOneOffInvoice: defineEndpoint({
    id: 'createOneOffInvoice',
    method: 'POST',
    path: '/api/v1/invoices',
    tag: 'Invoices',
    summary: 'Issue a one-off invoice of catalog items',
    description:
      'Numbered from the year’s gapless series, booked at once (receivable, revenue per item account, tax payable) and emailed to the ' +
      'customer. Each line is quantity × unit price rounded once, plus its tax rounded once. A refused field is named by its path, ' +
      'such as `lines[1].quantity`. Answers 201 with the invoice and its URL in `Location`. Send an `Idempotency-Key` to make retries ' +
      'safe: a repeat answers the same invoice with `Idempotent-Replayed: true`, and it is emailed once.',
    authenticated: true,
    headers: [idempotencyHeader],
    body: oneOffInvoiceInput,
    response: invoiceDocumentWire,
    successStatus: 201,
  }),
  createCreditNote: defineEndpoint({
    id: 'createCreditNote',
    method: 'POST',
    path: '/api/v1/invoices/{invoiceId}/credit-notes',
    tag: 'Invoices',
    summary: 'Credit an invoice, whole or some lines',
    description:
      'Numbered from the year’s gapless CN series, booked at once (reversing the invoice’s revenue, tax and receivable for the amounts ' +
      'credited) and emailed to the customer. A line is never credited beyond what remains of it: asking more is refused naming the ' +
      'field and the amount left; a fully credited invoice answers 409. Answers 201 with the credit note and its URL in `Location`.',
    authenticated: true,
    headers: [idempotencyHeader],
    params: invoiceParams,
    body: creditNoteInput,
    response: creditNoteDocumentWire,
    successStatus: 201,
    conflicts: true,
  }),
  listInvoiceCreditNotes: defineEndpoint({
    id: 'listInvoiceCreditNotes',
    method: 'GET',
    path: '/api/v1/invoices/{invoiceId}/credit-notes',
    tag: 'Invoices',
    summary: 'List the credit notes of an invoice, oldest first',
    authenticated: true,
    params: invoiceParams,
    response: z.object({ items: z.array(creditNoteWire) }).meta({ id: 'CreditNoteList' }),
    successStatus: 200,
  }),
  getCreditNote: defineEndpoint({
    id: 'getCreditNote',
    method: 'GET',
    path: '/api/v1/credit-notes/{creditNoteId}',
    tag: 'Invoices',
    summary: 'Get a credit note with its lines',
    authenticated: true,
    params: z.object({ creditNoteId: uuidParam('a credit note') }),
    response: creditNoteDocumentWire,
    successStatus: 200,
  }),
};
