// The quote endpoints of the registry (see endpoints.server.ts); the quote's JSON shapes are in
// server/views/quote-json.ts. A quote's fields are checked by the quotes service, which reports
// every bad one at once with paths such as `lines[0].quantity`; the schema here documents them.
import { z } from 'zod';
import { newQuoteSchema, quoteListQuerySchema } from '../../server/services/quotes/quotes.js';
import { quoteDecidedWire, quoteSummaryWire, quoteWire } from '../../server/views/quote-json.js';
import { documented, pageQuery, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';
import { pageOf } from './wire-schemas.server.js';

/** Every field passes through to the service (which names each bad one); documented all the same. */
function checkedByService<T extends z.ZodObject>(schema: T): T {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([field, type]) => [field, (type as z.ZodType<unknown>).catch((ctx: { value: unknown }) => ctx.value)]));
  return schema.extend(shape) as unknown as T;
}

const quoteInput = checkedByService(
  documented(newQuoteSchema, {
    lines: {
      description:
        'Item lines: `itemId` (an active item in the customer’s currency) and `quantity` (decimal text such as "1.5"); optionally ' +
        '`unitAmountMinor` (net unit price in minor units), `description` and `taxRate` (percent) to override the item’s.',
    },
    validUntil: { description: 'The last day the customer can accept it, after today. Or give `validDays`; default 30 days.', examples: ['2026-12-31'] },
    validDays: { description: 'Valid for this many days from today, instead of `validUntil`.' },
    note: { description: 'Shown to the customer above the lines.' },
  }),
).strict();

const quoteParams = z.object({ quoteId: uuidParam('a quote') });

export const quoteEndpoints = {
  listQuotes: defineEndpoint({
    id: 'listQuotes',
    method: 'GET',
    path: '/api/v1/quotes',
    tag: 'Quotes',
    summary: 'List quotes, newest first',
    authenticated: true,
    query: documented(quoteListQuerySchema.extend(pageQuery.shape), {
      customerId: { description: 'Only this customer’s quotes.' },
      status: { description: 'Only quotes in this status.' },
    }),
    response: pageOf(quoteSummaryWire),
    successStatus: 200,
  }),
  createQuote: defineEndpoint({
    id: 'createQuote',
    method: 'POST',
    path: '/api/v1/quotes',
    tag: 'Quotes',
    summary: 'Create a draft quote of item lines',
    description:
      'Lines are priced like a one-off invoice: quantity × unit price rounded once, tax rounded once per line. A refused line field ' +
      'is named by its path, such as `lines[0].quantity`. Answers 201 with the quote and its URL in `Location`; send it with ' +
      '`POST /api/v1/quotes/{quoteId}/send`.',
    authenticated: true,
    body: quoteInput,
    response: quoteWire,
    successStatus: 201,
  }),
  getQuote: defineEndpoint({
    id: 'getQuote',
    method: 'GET',
    path: '/api/v1/quotes/{quoteId}',
    tag: 'Quotes',
    summary: 'Get a quote with its lines, status and invoice',
    authenticated: true,
    params: quoteParams,
    response: quoteWire,
    successStatus: 200,
  }),
  sendQuote: defineEndpoint({
    id: 'sendQuote',
    method: 'POST',
    path: '/api/v1/quotes/{quoteId}/send',
    tag: 'Quotes',
    summary: 'Send a quote to the customer',
    description:
      "Starts the quote's workflow (`quote/<quoteId>`): it emails the quote with a reply address, reminds the customer before it " +
      'expires and expires it after `validUntil`. Sending again changes nothing; a decided or expired quote answers 409.',
    authenticated: true,
    params: quoteParams,
    response: quoteWire,
    successStatus: 200,
    conflicts: true,
  }),
  acceptQuote: defineEndpoint({
    id: 'acceptQuote',
    method: 'POST',
    path: '/api/v1/quotes/{quoteId}/accept',
    tag: 'Quotes',
    summary: 'Accept a sent quote on the customer’s behalf',
    description:
      'The quote becomes a posted invoice with identical lines, emailed to the customer. Accepting again answers the same invoice with ' +
      '`alreadyDecided: true`; a declined, expired or unsent quote answers 409 saying why.',
    authenticated: true,
    params: quoteParams,
    response: quoteDecidedWire,
    successStatus: 200,
    conflicts: true,
  }),
  declineQuote: defineEndpoint({
    id: 'declineQuote',
    method: 'POST',
    path: '/api/v1/quotes/{quoteId}/decline',
    tag: 'Quotes',
    summary: 'Decline a sent quote on the customer’s behalf',
    description: 'Declining again answers `alreadyDecided: true`; an accepted, expired or unsent quote answers 409 saying why.',
    authenticated: true,
    params: quoteParams,
    response: quoteDecidedWire,
    successStatus: 200,
    conflicts: true,
  }),
};
