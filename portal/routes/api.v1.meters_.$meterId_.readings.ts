// GET /api/v1/meters/:meterId/readings: newest first, paginated
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getMeter, listMeterReadings } from '../../server/services/readings/meters.js';
import { readingJson } from '../../server/views/reading-json.js';

const route = apiRoute(
  implement(endpoints.listMeterReadings, async ({ ctx, params, query }) => {
    const meter = await getMeter(ctx, params.meterId);
    const page = await listMeterReadings(ctx, meter.id, query);
    return { body: { items: page.items.map((reading) => readingJson(reading, meter.unit)), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
