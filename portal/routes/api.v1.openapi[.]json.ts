// GET /api/v1/openapi.json: the API described, generated from the endpoint registry. No key needed.
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { openApiDocument } from '../api/openapi.server.js';

const route = apiRoute(
  implement(endpoints.openApiDocument, async ({ request }) => ({
    body: { ...openApiDocument(new URL(request.url).origin) },
  })),
);

export const loader = route.loader;
export const action = route.action;
