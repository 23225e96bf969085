// POST /api/v1/readings: up to 10,000 readings in one call. Served like every endpoint, except
// that the body may be 4 MiB instead of 1: ten thousand readings with references do not fit in 1.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiRoute, type Implementation } from '../api/handle-endpoint.server.js';
import { endpoints } from '../api/endpoints.server.js';
import { invalidFields, problem } from '../api/problem.server.js';
import { apiParseOptions, fieldProblems } from '../api/zod-problems.server.js';
import { recordReadings } from '../../server/services/readings/record-readings.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const endpoint = endpoints.recordReadings;

const recordReadingsCall: Implementation = {
  endpoint,
  async serve({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
    const body = await readJson(request);
    if (body instanceof Response) return body;
    const parsed = endpoint.body?.safeParse(body, apiParseOptions);
    if (parsed && !parsed.success) return invalidFields(fieldProblems(parsed.error));
    const result = await recordReadings(context.services.db, (body as { readings: unknown[] }).readings, 'api');
    const checked = endpoint.response.safeParse(result);
    if (!checked.success) console.error(`API POST ${endpoint.path} answered outside its response schema:`, checked.error.message);
    return Response.json(result, { status: 200, headers: { 'Cache-Control': 'no-store' } });
  },
};

async function readJson(request: Request): Promise<unknown> {
  const tooLarge = () => problem('body-too-large', `Send at most ${MAX_BODY_BYTES} bytes of JSON (10,000 readings fit).`);
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) return tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return tooLarge();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = text.trim() === '' ? 'the body is empty' : (error as Error).message;
    return problem('bad-json', `The body is not valid JSON (${reason}); send a JSON object with Content-Type: application/json.`);
  }
}

const route = apiRoute(recordReadingsCall);

export const loader = route.loader;
export const action = route.action;
