// GET /api/v1/quotes/:quoteId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getQuote } from '../../server/services/quotes/quotes.js';
import { quoteJson } from '../../server/views/quote-json.js';

const route = apiRoute(implement(endpoints.getQuote, async ({ ctx, params }) => ({ body: quoteJson(await getQuote(ctx, params.quoteId)) })));

export const loader = route.loader;
export const action = route.action;
