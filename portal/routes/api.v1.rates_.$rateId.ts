// GET /api/v1/rates/:rateId, PATCH /api/v1/rates/:rateId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getRate, updateRate } from '../../server/services/rates/rates.js';
import { rateJson } from '../../server/views/rate-json.js';

const route = apiRoute(
  implement(endpoints.getRate, async ({ ctx, params }) => ({ body: rateJson(await getRate(ctx, params.rateId)) })),
  implement(endpoints.updateRate, async ({ ctx, params, body }) => ({ body: rateJson(await updateRate(ctx, params.rateId, body)) })),
);

export const loader = route.loader;
export const action = route.action;
