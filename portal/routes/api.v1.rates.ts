// GET /api/v1/rates, POST /api/v1/rates
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { createRate, listRates } from '../../server/services/rates/rates.js';
import { rateJson } from '../../server/views/rate-json.js';

const route = apiRoute(
  implement(endpoints.listRates, async ({ ctx, query }) => {
    const page = await listRates(ctx, query);
    return { body: { items: page.items.map(rateJson), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createRate, async ({ ctx, body }) => {
    const rate = await createRate(ctx, body);
    return { body: rateJson(rate), headers: { Location: `/api/v1/rates/${rate.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
