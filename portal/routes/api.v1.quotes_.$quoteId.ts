// GET /api/v1/quotes/:quoteId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { quoteView } from '../api/quote-endpoints.server.js';
import { getQuote } from '../../server/services/quotes/quotes.js';

const route = apiRoute(implement(endpoints.getQuote, async ({ ctx, params }) => ({ body: quoteView(await getQuote(ctx, params.quoteId)) })));

export const loader = route.loader;
export const action = route.action;
