// GET /api/v1/inbound-messages/:inboundMessageId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { inboundMessageDocumentView } from '../api/inbound-endpoints.server.js';
import { getInboundMessage } from '../../server/services/inbound/inbound-records.js';

const route = apiRoute(
  implement(endpoints.getInboundMessage, async ({ ctx, params }) => ({
    body: inboundMessageDocumentView(await getInboundMessage(ctx, params.inboundMessageId)),
  })),
);

export const loader = route.loader;
export const action = route.action;
