// GET /healthz: 200 when the database and Temporal answer, 503 naming what is down. No key needed.
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { checkHealth } from '../api/health.server.js';

const route = apiRoute(
  implement(endpoints.health, async ({ ctx }) => {
    const { healthy, body } = await checkHealth(ctx);
    return { body, status: healthy ? 200 : 503 };
  }),
);

export const loader = route.loader;
export const action = route.action;
