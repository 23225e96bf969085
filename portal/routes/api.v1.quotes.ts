// GET /api/v1/quotes, POST /api/v1/quotes
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { createQuote, listQuotes } from '../../server/services/quotes/quotes.js';
import { quoteJson, quoteSummaryJson } from '../../server/views/quote-json.js';

const route = apiRoute(
  implement(endpoints.listQuotes, async ({ ctx, query }) => {
    const page = await listQuotes(ctx, query);
    return { body: { items: page.items.map(quoteSummaryJson), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createQuote, async ({ ctx, body }) => {
    const quote = await createQuote(ctx, body);
    return { body: quoteJson(quote), headers: { Location: `/api/v1/quotes/${quote.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
