// POST /api/v1/quotes/:quoteId/send
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { quoteView } from '../api/quote-endpoints.server.js';
import { sendQuote } from '../../server/services/quotes/quotes.js';

const route = apiRoute(implement(endpoints.sendQuote, async ({ ctx, params }) => ({ body: quoteView(await sendQuote(ctx, params.quoteId)) })));

export const loader = route.loader;
export const action = route.action;
