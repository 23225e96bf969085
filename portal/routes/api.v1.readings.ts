// POST /api/v1/readings: up to 10,000 readings in one call (the endpoint allows a 4 MiB body).
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';

const route = apiRoute(
  implement(endpoints.recordReadings, async ({ ctx, body }) => ({
    body: await recordReadings(ctx.db, body.readings, 'api'),
  })),
);

export const loader = route.loader;
export const action = route.action;
