// GET /api/v1/accounts, POST /api/v1/accounts
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { createAccount, listAccounts } from '../../server/services/books/accounts.js';
import { accountJson } from '../../server/views/account-json.js';

const route = apiRoute(
  implement(endpoints.listAccounts, async ({ ctx }) => ({ body: { items: (await listAccounts(ctx)).map(accountJson) } })),
  implement(endpoints.createAccount, async ({ ctx, body }) => {
    const account = await createAccount(ctx, body);
    return { body: accountJson(account), headers: { Location: `/api/v1/accounts/${account.code}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
