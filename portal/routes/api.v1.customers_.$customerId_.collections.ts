// GET /api/v1/customers/:customerId/collections, PUT /api/v1/customers/:customerId/collections
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { getCustomerCollections, updateCustomerCollections } from '../../server/services/collections/customer-collections.js';
import { customerCollectionsJson } from '../../server/views/customer-collections-json.js';

const route = apiRoute(
  implement(endpoints.getCustomerCollections, async ({ ctx, params }) => ({ body: customerCollectionsJson(await getCustomerCollections(ctx, params.customerId)) })),
  implement(endpoints.updateCustomerCollections, async ({ ctx, params, body }) => ({
    body: customerCollectionsJson(await updateCustomerCollections(ctx, params.customerId, body)),
  })),
);

export const loader = route.loader;
export const action = route.action;
