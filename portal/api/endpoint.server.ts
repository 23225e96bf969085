// What an API endpoint is, as data: its method and path, what it accepts (path parameters, query,
// JSON body, as zod schemas) and what it answers. The route modules implement these, the request
// handling validates against them, and the OpenAPI document is generated from them.
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

type ObjectSchema = z.ZodObject;

export interface Endpoint<
  Params extends ObjectSchema | undefined = ObjectSchema | undefined,
  Query extends ObjectSchema | undefined = ObjectSchema | undefined,
  Body extends ObjectSchema | undefined = ObjectSchema | undefined,
  Response extends z.ZodType = z.ZodType,
> {
  /** The OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** In OpenAPI form, with `{name}` for path parameters. */
  path: string;
  /** Groups endpoints in the document and on the staff page. */
  tag: string;
  summary: string;
  description?: string;
  /** False only for the few endpoints anyone may call (the document itself, health). */
  authenticated: boolean;
  params?: Params;
  query?: Query;
  body?: Body;
  /** Largest body accepted, when an endpoint needs more than the usual 1 MiB (a batch of readings, a file upload). */
  maxBodyBytes?: number;
  /** `multipart`: multipart/form-data (a file upload) that the handler streams itself; `body` documents its fields. */
  bodyEncoding?: 'json' | 'multipart';
  /** A success answer that is not JSON (a CSV download); `response` then documents its text. */
  responseMediaType?: 'text/csv';
  /** Request headers the endpoint reads, for the document. */
  headers?: { name: string; description: string }[];
  response: Response;
  successStatus: 200 | 201 | 202;
  /** Other statuses the endpoint answers with its `response` shape (such as 503 from health). */
  alsoAnswers?: { status: number; description: string }[];
  /** The endpoint can be refused for the state of what it acts on (409 conflict, a problem saying why). */
  conflicts?: boolean;
  /** The endpoint calls an outside service (the card gateway) that may not answer (503, a problem saying what to do). */
  dependsOnGateway?: boolean;
}

/** Keeps each definition's exact schema types, so handlers get typed params, query and body. */
export function defineEndpoint<
  Params extends ObjectSchema | undefined = undefined,
  Query extends ObjectSchema | undefined = undefined,
  Body extends ObjectSchema | undefined = undefined,
  Response extends z.ZodType = z.ZodType,
>(endpoint: Endpoint<Params, Query, Body, Response>): Endpoint<Params, Query, Body, Response> {
  return endpoint;
}

/** The error statuses an endpoint can answer with, following from what it accepts. */
export function errorStatuses(endpoint: Endpoint): number[] {
  const statuses = new Set<number>();
  if (endpoint.body) statuses.add(400).add(413);
  if (endpoint.authenticated) statuses.add(401);
  if (endpoint.params) statuses.add(404);
  if (endpoint.params || endpoint.query || endpoint.body) statuses.add(422);
  if (endpoint.conflicts) statuses.add(409);
  statuses.add(500);
  if (endpoint.dependsOnGateway) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}
