// Every /api/v1 path no endpoint serves, for every method: a problem+json 404 like the rest of
// the API, never the portal's HTML page (clients parse what the API answers).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { problem } from '../api/problem.server.js';

function notServed({ request }: LoaderFunctionArgs): Response {
  const { pathname } = new URL(request.url);
  return problem('not-found', `The API serves nothing at ${pathname}; its endpoints are listed in /api/v1/openapi.json.`);
}

export const loader = notServed;
export const action = notServed;
