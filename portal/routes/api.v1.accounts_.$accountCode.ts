// GET /api/v1/accounts/:accountCode, PATCH /api/v1/accounts/:accountCode
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getAccount, updateAccount } from '../../server/services/books/accounts.js';
import { accountJson } from '../../server/views/account-json.js';

const route = apiRoute(
  implement(endpoints.getAccount, async ({ ctx, params }) => ({ body: accountJson(await getAccount(ctx, params.accountCode)) })),
  implement(endpoints.updateAccount, async ({ ctx, params, body }) => ({ body: accountJson(await updateAccount(ctx, params.accountCode, body)) })),
);

export const loader = route.loader;
export const action = route.action;
