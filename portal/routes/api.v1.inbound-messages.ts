// GET /api/v1/inbound-messages?outcome=
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { inboundMessageView } from '../api/inbound-endpoints.server.js';
import { listInboundMessages } from '../../server/services/inbound/inbound-records.js';

const route = apiRoute(
  implement(endpoints.listInboundMessages, async ({ ctx, query }) => {
    const page = await listInboundMessages(ctx, query);
    return { body: { items: page.items.map(inboundMessageView), nextCursor: page.nextCursor } };
  }),
);

export const loader = route.loader;
export const action = route.action;
