// POST /api/v1/quotes/:quoteId/send
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { sendQuote } from '../../server/services/quotes/quotes.js';
import { quoteJson } from '../../server/views/quote-json.js';

const route = apiRoute(implement(endpoints.sendQuote, async ({ ctx, params }) => ({ body: quoteJson(await sendQuote(ctx, params.quoteId)) })));

export const loader = route.loader;
export const action = route.action;
