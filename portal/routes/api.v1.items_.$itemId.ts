// GET /api/v1/items/:itemId, PATCH /api/v1/items/:itemId
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { itemView } from '../api/items-endpoints.server.js';
import { getItem, updateItem } from '../../server/services/catalog/items.js';

const route = apiRoute(
  implement(endpoints.getItem, async ({ ctx, params }) => ({ body: itemView(await getItem(ctx, params.itemId)) })),
  implement(endpoints.updateItem, async ({ ctx, params, body }) => ({ body: itemView(await updateItem(ctx, params.itemId, body)) })),
);

export const loader = route.loader;
export const action = route.action;
