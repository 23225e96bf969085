// POST /api/v1/dunning-policies/:policyId/default
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { setDefaultDunningPolicy } from '../../server/services/collections/dunning-policies.js';
import { dunningPolicyJson } from '../../server/views/dunning-policy-json.js';

const route = apiRoute(
  implement(endpoints.setDefaultDunningPolicy, async ({ ctx, params }) => ({ body: dunningPolicyJson(await setDefaultDunningPolicy(ctx, params.policyId)) })),
);

export const loader = route.loader;
export const action = route.action;
