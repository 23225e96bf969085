// GET /api/v1/quotes, POST /api/v1/quotes
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { quoteSummaryView, quoteView } from '../api/quote-endpoints.server.js';
import { createQuote, listQuotes } from '../../server/services/quotes/quotes.js';

const route = apiRoute(
  implement(endpoints.listQuotes, async ({ ctx, query }) => {
    const page = await listQuotes(ctx, query);
    return { body: { items: page.items.map(quoteSummaryView), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createQuote, async ({ ctx, body }) => {
    const quote = await createQuote(ctx, body);
    return { body: quoteView(quote), headers: { Location: `/api/v1/quotes/${quote.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
