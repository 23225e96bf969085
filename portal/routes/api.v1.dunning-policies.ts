// GET /api/v1/dunning-policies, POST /api/v1/dunning-policies
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { createDunningPolicy, listDunningPolicies } from '../../server/services/collections/dunning-policies.js';
import { dunningPolicyJson, dunningPolicySummaryJson } from '../../server/views/dunning-policy-json.js';

const route = apiRoute(
  implement(endpoints.listDunningPolicies, async ({ ctx }) => ({ body: { items: (await listDunningPolicies(ctx)).map(dunningPolicySummaryJson) } })),
  implement(endpoints.createDunningPolicy, async ({ ctx, body }) => {
    const policy = await createDunningPolicy(ctx, body, 'api');
    return { body: dunningPolicyJson(policy), headers: { Location: `/api/v1/dunning-policies/${policy.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
