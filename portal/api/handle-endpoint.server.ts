// The one way an API request is served: method check, bearer key, path parameters, query and
// JSON body validated against the endpoint's schemas, the handler, then the response checked
// against the endpoint's response schema. Errors become problem+json answers; a reply outside
// its schema is logged, not refused.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { authenticateApiKey, type ApiKeyView } from '../../server/services/access/api-keys.js';
import type { ServiceContext } from '../../server/services/context.js';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError, type FieldProblem } from '../../server/services/errors.js';
import { API_BODY_BYTES, describeBytes, isBodyTooLarge } from '../body-limits.server.js';
import type { Endpoint, HttpMethod } from './endpoint.server.js';
import { invalidFields, problem } from './problem.server.js';
import { inexactJsonNumbers, type JsonNumberProblem } from './json-numbers.js';
import { jsonTextProblems } from './wire-text.js';
import { apiParseOptions, fieldProblems } from './zod-problems.server.js';

type ObjectSchema = z.ZodObject;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
/** The body as the client sent it, known to pass the schema; services parse it themselves. */
type Raw<S> = S extends z.ZodType ? z.input<S> : undefined;

export interface EndpointCall<Params, Query, Body> {
  ctx: ServiceContext;
  context: AppLoadContext;
  request: Request;
  params: Parsed<Params>;
  query: Parsed<Query>;
  body: Raw<Body>;
  /** The caller's key; null only on endpoints anyone may call. */
  apiKey: ApiKeyView | null;
}

export interface EndpointReply<Response extends z.ZodType> {
  body: z.input<Response>;
  /** Defaults to the endpoint's success status. */
  status?: number;
  headers?: Record<string, string>;
}

export interface Implementation {
  endpoint: Endpoint;
  serve(args: LoaderFunctionArgs | ActionFunctionArgs, apiKey: ApiKeyView | null): Promise<Response>;
}

/** Binds a handler to its endpoint definition; `apiRoute` then serves it. */
export function implement<
  Params extends ObjectSchema | undefined,
  Query extends ObjectSchema | undefined,
  Body extends ObjectSchema | undefined,
  Response extends z.ZodType,
>(
  endpoint: Endpoint<Params, Query, Body, Response>,
  handler: (call: EndpointCall<Params, Query, Body>) => Promise<EndpointReply<Response>>,
): Implementation {
  return {
    endpoint,
    async serve({ request, params, context }, apiKey) {
      const input = await readInput(endpoint, request, params);
      if (input instanceof Response) return input;
      const reply = await handler({
        ctx: context.services,
        context,
        request,
        params: input.params as Parsed<Params>,
        query: input.query as Parsed<Query>,
        body: input.body as Raw<Body>,
        apiKey,
      });
      return Response.json(checkedBody(endpoint, reply.body), {
        status: reply.status ?? endpoint.successStatus,
        headers: { 'Cache-Control': 'no-store', ...reply.headers },
      });
    },
  };
}

/**
 * Binds a handler that answers with its own Response (a file download, or a reply after reading a
 * multipart body itself): parameters and query are still validated, errors still become problems.
 */
export function implementResponse<Params extends ObjectSchema | undefined, Query extends ObjectSchema | undefined>(
  endpoint: Endpoint<Params, Query, ObjectSchema | undefined>,
  handler: (call: EndpointCall<Params, Query, undefined>) => Promise<Response>,
): Implementation {
  return {
    endpoint,
    async serve({ request, params, context }, apiKey) {
      const input = await readInput(endpoint, request, params);
      if (input instanceof Response) return input;
      return handler({
        ctx: context.services,
        context,
        request,
        params: input.params as Parsed<Params>,
        query: input.query as Parsed<Query>,
        body: undefined,
        apiKey,
      });
    },
  };
}

/** Checks a reply built outside `implement` against the endpoint's schema, as `implement` does. */
export function jsonReply(endpoint: Endpoint, body: unknown, status: number = endpoint.successStatus, headers: Record<string, string> = {}): Response {
  return Response.json(checkedBody(endpoint, body), { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/**
 * The handler has run, and what it did (a customer created, a plan changed) may be committed: a
 * 500 now would invite the client to retry it. So a reply outside the schema is our bug to log
 * loudly (console.error fails the tests), and the client still gets what the handler answered.
 */
function checkedBody(endpoint: Endpoint, body: unknown): unknown {
  const checked = endpoint.response.safeParse(body);
  if (checked.success) return checked.data;
  console.error(`API ${endpoint.method} ${endpoint.path} answered outside its response schema:`, checked.error.message);
  return body;
}

/**
 * The `loader` and `action` of a resource route serving these endpoints (one per method). Both
 * are exported, so a wrong method gets our 405 with `Allow` rather than Remix's own answer.
 */
export function apiRoute(...implementations: Implementation[]) {
  const byMethod = new Map<string, Implementation>(implementations.map((implementation) => [implementation.endpoint.method, implementation]));
  const allowed = [...byMethod.keys()].flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])).join(', ');
  const serve = async (args: LoaderFunctionArgs | ActionFunctionArgs): Promise<Response> => {
    const method = args.request.method === 'HEAD' ? 'GET' : (args.request.method as HttpMethod);
    const implementation = byMethod.get(method);
    if (!implementation) {
      return problem('method-not-allowed', `${args.request.method} is not served here; use ${allowed}.`, { headers: { Allow: allowed } });
    }
    try {
      const apiKey = implementation.endpoint.authenticated ? await authenticate(args) : null;
      if (apiKey instanceof Response) return apiKey;
      return await implementation.serve(args, apiKey);
    } catch (error) {
      return failureResponse(error, implementation.endpoint);
    }
  };
  return { loader: serve, action: serve };
}

const REALM = 'Bearer realm="Uplink API"';

async function authenticate({ request, context }: LoaderFunctionArgs): Promise<ApiKeyView | Response> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  if (!match?.[1]) {
    return problem('unauthenticated', 'Send an API key as `Authorization: Bearer <key>`; staff create keys in the portal or with `uplink api-keys create`.', {
      headers: { 'WWW-Authenticate': REALM },
    });
  }
  const apiKey = await authenticateApiKey(context.services, match[1]);
  if (!apiKey) {
    return problem('unauthenticated', 'The API key is unknown or has been revoked.', {
      headers: { 'WWW-Authenticate': `${REALM}, error="invalid_token"` },
    });
  }
  return apiKey;
}

interface Input {
  params: unknown;
  query: unknown;
  body: unknown;
}

async function readInput(endpoint: Endpoint, request: Request, routeParams: Record<string, string | undefined>): Promise<Input | Response> {
  const input: Input = { params: undefined, query: undefined, body: undefined };
  if (endpoint.params) {
    const parsed = endpoint.params.safeParse(routeParams, apiParseOptions);
    if (!parsed.success) return invalidFields(fieldProblems(parsed.error));
    input.params = parsed.data;
  }
  if (endpoint.query) {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const unstorable = jsonTextProblems(query);
    if (unstorable.length > 0) return invalidFields(unstorable);
    const parsed = endpoint.query.safeParse(query, apiParseOptions);
    if (!parsed.success) return invalidFields(fieldProblems(parsed.error));
    input.query = parsed.data;
  }
  if (endpoint.body && endpoint.bodyEncoding !== 'multipart') {
    const body = await readJson(request, endpoint.maxBodyBytes ?? API_BODY_BYTES);
    if (body instanceof Response) return body;
    const parsed = endpoint.body.safeParse(body, apiParseOptions);
    if (!parsed.success) return invalidFields(fieldProblems(parsed.error));
    input.body = body;
  }
  return input;
}

async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  if (Number(request.headers.get('Content-Length') ?? 0) > maxBytes) return bodyTooLarge(maxBytes);
  // The HTTP server stops a chunked body at the same limit, and the read fails with BodyTooLargeError.
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) return bodyTooLarge(maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = text.trim() === '' ? 'the body is empty' : (error as Error).message;
    return problem('bad-json', `The body is not valid JSON (${reason}); send a JSON object with Content-Type: application/json.`);
  }
  // Every value must reach the services as sent: a number JavaScript cannot hold as written, and
  // text Postgres cannot store (U+0000, a lone surrogate), are refused here, naming the field.
  const unreadable = [...inexactJsonNumbers(text).map(numberProblem), ...jsonTextProblems(body)];
  return unreadable.length > 0 ? invalidFields(unreadable) : body;
}

function numberProblem({ field, text, parsed }: JsonNumberProblem): FieldProblem {
  const long = text.length > 40;
  const shown = long ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
  const why = Number.isFinite(parsed) ? 'cannot be held exactly' : 'is out of range';
  const instead = long || !Number.isFinite(parsed) ? 'such as "12.5"' : `"${text}"`;
  return { field, message: `is the JSON number ${shown}, which ${why} (it would be read as ${parsed}): send it as a decimal string ${instead}` };
}

export function bodyTooLarge(maxBytes: number): Response {
  return problem('body-too-large', `Send at most ${describeBytes(maxBytes)} (${maxBytes} bytes); nothing was read past that, and nothing was stored.`);
}

function failureResponse(error: unknown, endpoint: Endpoint): Response {
  if (error instanceof ValidationError) return invalidFields(error.problems);
  if (isBodyTooLarge(error)) return bodyTooLarge(error.limit);
  if (error instanceof z.ZodError) return invalidFields(fieldProblems(error));
  if (error instanceof NotFoundError) return problem('not-found', `The ${error.entity} ${error.id} does not exist.`);
  if (error instanceof ConflictError) return problem('conflict', error.message);
  if (error instanceof ServiceUnavailableError) return problem('unavailable', error.message, { headers: { 'Retry-After': '30' } });
  // Anything else is our fault: the log gets the details, the client never sees a stack trace.
  console.error(`API ${endpoint.method} ${endpoint.path} failed:`, error);
  return problem('internal', 'Uplink could not finish this request; the server log has the details.');
}
