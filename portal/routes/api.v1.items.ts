// GET /api/v1/items, POST /api/v1/items
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { itemView } from '../api/items-endpoints.server.js';
import { createItem, listItems } from '../../server/services/catalog/items.js';

const route = apiRoute(
  implement(endpoints.listItems, async ({ ctx, query }) => {
    const page = await listItems(ctx, query);
    return { body: { items: page.items.map(itemView), nextCursor: page.nextCursor } };
  }),
  implement(endpoints.createItem, async ({ ctx, body }) => {
    const item = await createItem(ctx, body);
    return { body: itemView(item), headers: { Location: `/api/v1/items/${item.id}` } };
  }),
);

export const loader = route.loader;
export const action = route.action;
