// GET /api/v1/meters/:meterId: the meter with its latest reading
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getMeter } from '../../server/services/readings/meters.js';
import { meterDetailJson } from '../../server/views/meter-json.js';

const route = apiRoute(implement(endpoints.getMeter, async ({ ctx, params }) => ({ body: meterDetailJson(await getMeter(ctx, params.meterId)) })));

export const loader = route.loader;
export const action = route.action;
