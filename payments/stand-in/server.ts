// The stand-in's HTTP server: Stripe's API under /v1 (bearer secret key, form bodies, JSON
// answers, Idempotency-Key), the hosted pages a customer's browser opens, and the test controls
// under /_stand-in. Bodies are bounded; nothing a request carries is logged.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { runControl, type ControlContext } from './controls.js';
import { StandInError, invalidRequest } from './errors.js';
import { parseForm, type FormParams } from './form-body.js';
import type { PageAnswer } from './html.js';
import { authenticationPage, checkoutPage, submitAuthentication, submitCard } from './hosted-pages.js';
import { requestIdentity, type IdempotencyKeys } from './idempotency.js';
import { decodePathSegment, newId } from './ids.js';
import { API_ROUTES } from './routes.js';
import type { ApiAnswer } from './state.js';

/** Stripe refuses larger request bodies too; a card form is a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerContext extends ControlContext {
  secretKey: string;
  keys: IdempotencyKeys;
}

class BodyTooLargeError extends Error {}

export function createStandInServer(context: ServerContext): Server {
  return createServer((request, response) => {
    void handle(context, request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        return sendJson(response, 413, { error: { type: 'invalid_request_error', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` } }, { connection: 'close' });
      }
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, { error: { type: 'api_error', message: `The stand-in failed: ${message}` } });
    });
  });
}

async function handle(context: ServerContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const method = request.method ?? 'GET';
  const body = await readBody(request);
  const path = url.pathname;
  if (path.startsWith('/v1/')) return api(context, method, url, body, request, response);
  if (path.startsWith('/_stand-in/')) return control(context, method, path, body, request, response);
  const checkout = /^\/checkout\/([^/]+)$/.exec(path);
  if (checkout) {
    const id = decodePathSegment(checkout[1]!);
    return sendPage(response, method === 'POST' ? submitCard(context.state, id, formOf(body)) : checkoutPage(context.state, id));
  }
  const authenticate = /^\/authenticate\/([^/]+)$/.exec(path);
  if (authenticate) {
    const id = decodePathSegment(authenticate[1]!);
    return sendPage(response, method === 'POST' ? submitAuthentication(context.state, id, formOf(body)) : authenticationPage(context.state, id));
  }
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

function api(context: ServerContext, method: string, url: URL, body: Buffer, request: IncomingMessage, response: ServerResponse): void {
  const refusal = authorizationProblem(context, request);
  if (refusal) return sendJson(response, 401, { error: { type: 'invalid_request_error', message: refusal } });
  const route = API_ROUTES.find(([routeMethod, pattern]) => routeMethod === method && pattern.test(url.pathname));
  if (!route) {
    return sendJson(response, 404, {
      error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${url.pathname}). The stand-in serves only the part of Stripe's API this project uses.` },
    });
  }
  const [, pattern, handler] = route;
  const idempotencyKey = method === 'POST' ? headerOf(request, 'idempotency-key') : null;
  let answer: ApiAnswer;
  let replayed = false;
  try {
    const params: FormParams = parseForm(method === 'POST' ? body.toString('utf8') : url.search.slice(1));
    const identity = requestIdentity(method, url.pathname, params);
    const known = idempotencyKey === null ? null : context.keys.lookup(idempotencyKey, identity);
    if (known?.kind === 'mismatch') {
      answer = {
        status: 400,
        body: {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          },
        },
      };
    } else if (known?.kind === 'replay') {
      answer = { status: known.answer.status, body: JSON.parse(known.answer.body) as unknown };
      replayed = true;
    } else {
      const ids = pattern.exec(url.pathname)!.slice(1).map(decodePathSegment);
      answer = run(() => handler(context.state, { params, ids, request: { id: newId('req'), idempotencyKey } }));
      // Stripe keeps what the endpoint did (a success or a card decline), not a refused request.
      if (idempotencyKey !== null && (answer.status < 400 || answer.status === 402)) {
        context.keys.remember(idempotencyKey, identity, { status: answer.status, body: JSON.stringify(answer.body) });
      }
    }
  } catch (error) {
    if (!(error instanceof StandInError)) throw error;
    answer = { status: error.status, body: error.body };
  }
  if (context.faults.dropResponses > 0) {
    context.faults.dropResponses -= 1;
    response.socket?.destroy();
    return;
  }
  sendJson(response, answer.status, answer.body, replayed ? { 'idempotent-replayed': 'true' } : {});
}

function run(handler: () => ApiAnswer): ApiAnswer {
  try {
    return handler();
  } catch (error) {
    if (error instanceof StandInError) return { status: error.status, body: error.body };
    throw error;
  }
}

async function control(context: ServerContext, method: string, path: string, body: Buffer, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const refusal = authorizationProblem(context, request);
  if (refusal) return sendJson(response, 401, { error: { type: 'invalid_request_error', message: refusal } });
  let input: Record<string, unknown>;
  try {
    input = controlInput(body, headerOf(request, 'content-type') ?? '');
  } catch (error) {
    if (error instanceof StandInError) return sendJson(response, error.status, error.body);
    throw error;
  }
  const answer = await runControl(context, method, path, input);
  if (!answer) return sendJson(response, 404, { error: { type: 'invalid_request_error', message: `No stand-in control ${method} ${path}` } });
  sendJson(response, answer.status, answer.body);
}

/** Controls take JSON, or a form for curl. */
function controlInput(body: Buffer, contentType: string): Record<string, unknown> {
  if (body.length === 0) return {};
  if (contentType.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw invalidRequest('The body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidRequest('The body must be a JSON object.');
    return parsed as Record<string, unknown>;
  }
  return parseForm(body.toString('utf8'));
}

/** Null when the request carries the stand-in's secret key as Stripe's SDKs send it (Bearer). */
function authorizationProblem(context: ServerContext, request: IncomingMessage): string | null {
  const header = headerOf(request, 'authorization');
  if (!header) return 'You did not provide an API key. Provide your API key in the Authorization header, using Bearer auth.';
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
  if (key === context.secretKey) return null;
  return `Invalid API Key provided: ${key.length > 8 ? `${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}` : '****'}`;
}

function headerOf(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function formOf(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response
    .writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req'), 'cache-control': 'no-store', ...headers })
    .end(JSON.stringify(body, null, 2));
}

function sendPage(response: ServerResponse, page: PageAnswer): void {
  if ('location' in page) {
    response.writeHead(303, { location: page.location, 'cache-control': 'no-store' }).end();
    return;
  }
  response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page.html);
}
