// GET /api/v1/handoffs
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { handoffView } from '../api/handoff-endpoints.server.js';
import { listUndeliveredHandoffs } from '../../server/services/handoffs/undelivered-handoffs.js';

const route = apiRoute(
  implement(endpoints.listUndeliveredHandoffs, async ({ ctx }) => {
    const handoffs = await listUndeliveredHandoffs(ctx);
    return { body: { items: handoffs.map(handoffView) } };
  }),
);

export const loader = route.loader;
export const action = route.action;
