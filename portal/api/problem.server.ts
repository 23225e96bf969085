// RFC 9457 problem details: every API error is `application/problem+json` with a stable `type`,
// the HTTP status, a sentence for people, and for bad input every field that is wrong and why.
import type { FieldProblem } from '../../server/services/errors.js';

/** Problem types are URNs: stable identifiers clients can compare, documented on the API page. */
export const PROBLEM_TYPES = {
  'bad-json': { status: 400, title: 'Body is not valid JSON' },
  'bad-request': { status: 400, title: 'Request could not be read' },
  unauthenticated: { status: 401, title: 'Missing or invalid API key' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Not allowed in the current state' },
  'body-too-large': { status: 413, title: 'Body too large' },
  'invalid-request': { status: 422, title: 'Request has invalid fields' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'A service this request needs did not answer' },
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const problemTypeUri = (slug: ProblemSlug) => `urn:uplink:problem:${slug}`;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldProblem[];
}

export function problem(slug: ProblemSlug, detail: string, options: { errors?: FieldProblem[]; headers?: HeadersInit } = {}): Response {
  const { status, title } = PROBLEM_TYPES[slug];
  const body: Problem = { type: problemTypeUri(slug), title, status, detail, ...(options.errors ? { errors: options.errors } : {}) };
  const headers = new Headers(options.headers);
  headers.set('Content-Type', 'application/problem+json');
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers });
}

export function invalidFields(errors: FieldProblem[]): Response {
  const fields = [...new Set(errors.map((error) => error.field))].join(', ');
  return problem('invalid-request', `Fix ${fields} and send the request again; nothing was stored.`, { errors });
}
