// GET /api/v1/meters, POST /api/v1/meters
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { createMeter, listMeters } from '../../server/services/readings/meters.js';
import { meterJson } from '../../server/views/meter-json.js';

const route = apiRoute(
  implement(endpoints.listMeters, async ({ ctx, query }) => {
    const page = await listMeters(ctx, query);
    return { body: { items: page.items.map(meterJson), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createMeter, async ({ ctx, body }) => {
    const meter = await createMeter(ctx, body);
    return { body: meterJson(meter), headers: { Location: `/api/v1/meters/${meter.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
