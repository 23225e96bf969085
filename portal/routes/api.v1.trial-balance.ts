// GET /api/v1/trial-balance
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { trialBalanceView } from '../api/books-endpoints.server.js';
import { trialBalance } from '../../server/services/books/trial-balance.js';

const route = apiRoute(
  implement(endpoints.trialBalance, async ({ ctx, query }) => ({ body: trialBalanceView(await trialBalance(ctx, query)) })),
);

export const loader = route.loader;
export const action = route.action;
