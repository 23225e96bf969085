// GET /api/v1/dunning-policies/:policyId, PUT /api/v1/dunning-policies/:policyId (the next version)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { editDunningPolicy, getDunningPolicy } from '../../server/services/collections/dunning-policies.js';
import { dunningPolicyJson } from '../../server/views/dunning-policy-json.js';

const route = apiRoute(
  implement(endpoints.getDunningPolicy, async ({ ctx, params }) => ({ body: dunningPolicyJson(await getDunningPolicy(ctx, params.policyId)) })),
  implement(endpoints.editDunningPolicy, async ({ ctx, params, body }) => ({ body: dunningPolicyJson(await editDunningPolicy(ctx, params.policyId, body, 'api')) })),
);

export const loader = route.loader;
export const action = route.action;
