// POST /api/v1/quotes/:quoteId/accept, on the customer's behalf (recorded as decided via the API)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { decideQuote } from '../../server/services/quotes/quote-decisions.js';
import { quoteDecidedJson } from '../../server/views/quote-json.js';

const route = apiRoute(
  implement(endpoints.acceptQuote, async ({ ctx, params }) => ({
    body: quoteDecidedJson(await decideQuote(ctx, { quoteId: params.quoteId, decision: 'accept', via: 'api' })),
  })),
);

export const loader = route.loader;
export const action = route.action;
