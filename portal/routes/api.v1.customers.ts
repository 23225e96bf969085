// GET /api/v1/customers, POST /api/v1/customers (idempotent with an Idempotency-Key header)
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { idempotencyKeyOf } from '../api/idempotency-key.server.js';
import { PLAN_IN_BODY, referencesAsFieldProblems } from '../api/references.server.js';
import { getCustomer, listCustomers } from '../../server/services/customers/customer-directory.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { customerJson } from '../../server/views/customer-json.js';

const route = apiRoute(
  implement(endpoints.listCustomers, async ({ ctx, query }) => {
    const page = await listCustomers(ctx, query);
    return { body: { items: page.items.map(customerJson), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createCustomer, async ({ ctx, body, request, apiKey }) => {
    const { customer, replayed } = await referencesAsFieldProblems(createCustomer(ctx, body, idempotencyKeyOf(request, apiKey)), PLAN_IN_BODY);
    return {
      body: customerJson(await getCustomer(ctx, customer.id)),
      headers: { Location: `/api/v1/customers/${customer.id}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    };
  }),
);

export const loader = route.loader;
export const action = route.action;
