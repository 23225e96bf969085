// GET /api/v1/openapi.json: the API described, generated from the endpoint registry. No key needed.
// The server URL is the configured portal URL, never the request's Host header, which a client
// (or a proxy) chooses.
import { apiRoute, implement } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { openApiDocument } from '../api/openapi.server.js';

const route = apiRoute(
  implement(endpoints.openApiDocument, async ({ context }) => ({
    body: { ...openApiDocument(context.settings.portalUrl) },
  })),
);

export const loader = route.loader;
export const action = route.action;
