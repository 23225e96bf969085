// GET /api/v1/billing-blocks
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { blockedAccountJson } from '../../server/views/billing-block-json.js';
import { listBlockedAccounts } from '../../server/services/customers/billing-blocks.js';

const route = apiRoute(
  implement(endpoints.listBlockedAccounts, async ({ ctx }) => {
    const accounts = await listBlockedAccounts(ctx);
    return { body: { items: accounts.map(blockedAccountJson) } };
  }),
);

export const loader = route.loader;
export const action = route.action;
