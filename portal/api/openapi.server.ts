// The OpenAPI 3.1 document, generated from the endpoint registry and its zod schemas, so it
// describes exactly what the API validates and answers. OpenAPI 3.1 schemas are JSON Schema
// draft 2020-12, which is what zod emits.
import { z } from 'zod';
import { errorStatuses, type Endpoint } from './endpoint.server.js';
import { allEndpoints } from './endpoints.server.js';
import { API_BODY_BYTES, describeBytes } from '../body-limits.server.js';
import { PROBLEM_TYPES, problemTypeUri } from './problem.server.js';

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown>; responses: Record<string, unknown> };
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }>; $ref?: string; headers?: Record<string, unknown> }>;
}

const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URN naming the kind of problem, such as `urn:uplink:problem:invalid-request`.' }),
    title: z.string(),
    status: z.int(),
    detail: z.string().meta({ description: 'What went wrong and what to do, for people.' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Every field that is wrong and why (422 only).' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  400: 'The body is not valid JSON',
  401: 'No API key, or an unknown or revoked one',
  404: 'The resource named in the path does not exist',
  409: 'Not allowed in the current state of the resource; `detail` says why',
  413: `The body is larger than ${describeBytes(API_BODY_BYTES)}`,
  422: 'Invalid fields; every one is listed in `errors`, and nothing was stored',
  500: 'Unexpected failure; the server log has the details',
  503: 'A service the request needs (the card gateway) did not answer; `detail` says whether the same request may be sent again',
};

/** Collects the named schemas ($defs) of every schema converted, to put them in `components`. */
class SchemaCollector {
  readonly named: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', override: dropRedundantPatterns }) as JsonSchema;
    const { $schema: _dialect, $defs, ...rest } = converted;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const known = this.named[name];
      const local = pointAtComponents(definition);
      if (known && JSON.stringify(known) !== JSON.stringify(local)) throw new Error(`Two different schemas are both named ${name}`);
      this.named[name] = local;
    }
    return pointAtComponents(rest);
  }
}

/** `format: uuid` (or email, date...) says it all; zod's long regex beside it only hides it. */
function dropRedundantPatterns({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (typeof jsonSchema.format === 'string' && typeof jsonSchema.pattern === 'string') delete jsonSchema.pattern;
}

function pointAtComponents(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}

function parametersOf(collector: SchemaCollector, schema: z.ZodObject | undefined, location: 'path' | 'query'): OpenApiParameter[] {
  if (!schema) return [];
  const objectSchema = collector.convert(schema, 'input');
  const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((objectSchema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: property,
  }));
}

function operationOf(collector: SchemaCollector, endpoint: Endpoint): OpenApiOperation {
  const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
  const success = collector.convert(endpoint.response, 'output');
  const responses: OpenApiOperation['responses'] = {
    [endpoint.successStatus]: {
      description: STATUS_TEXT[endpoint.successStatus] ?? 'Success',
      content: endpoint.responseMediaType ? { [endpoint.responseMediaType]: { schema: success } } : json(success),
      ...(endpoint.successStatus === 201 ? { headers: { Location: { description: 'URL of the resource', schema: { type: 'string' } } } } : {}),
    },
  };
  for (const extra of endpoint.alsoAnswers ?? []) responses[extra.status] = { description: extra.description, content: json(success) };
  for (const status of errorStatuses(endpoint)) {
    const description = status === 413 ? `The body is larger than ${describeBytes(endpoint.maxBodyBytes ?? API_BODY_BYTES)}` : (STATUS_TEXT[status] ?? '');
    responses[status] = { $ref: `#/components/responses/Problem${status}`, description };
  }
  return {
    operationId: endpoint.id,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    security: endpoint.authenticated ? [{ apiKey: [] }] : [],
    parameters: [
      ...parametersOf(collector, endpoint.params, 'path'),
      ...parametersOf(collector, endpoint.query, 'query'),
      ...(endpoint.headers ?? []).map((header) => ({
        name: header.name,
        in: 'header' as const,
        required: false,
        description: header.description,
        schema: { type: 'string', maxLength: 255 },
      })),
    ],
    ...(endpoint.body
      ? {
          requestBody: {
            required: true as const,
            content: { [endpoint.bodyEncoding === 'multipart' ? 'multipart/form-data' : 'application/json']: { schema: collector.convert(endpoint.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(serverUrl: string, endpoints: Endpoint[] = allEndpoints): OpenApiDocument {
  const collector = new SchemaCollector();
  const paths: OpenApiDocument['paths'] = {};
  for (const endpoint of endpoints) {
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method.toLowerCase()]: operationOf(collector, endpoint) };
  }
  collector.convert(problemSchema, 'output');
  const usedStatuses = [...new Set(endpoints.flatMap(errorStatuses))].sort((a, b) => a - b);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Uplink billing API',
      version: '1',
      description:
        'Plans, customers, invoices, ledgers and emails of Uplink. Authenticate with `Authorization: Bearer <API key>`. ' +
        'Money is `{amountMinor, currency}` with the amount in minor units as a string. Lists return `{items, nextCursor}`: ' +
        'pass `nextCursor` as `cursor` for the next page. Errors are RFC 9457 `application/problem+json`; their `type` is one of ' +
        Object.keys(PROBLEM_TYPES)
          .map((slug) => `\`${problemTypeUri(slug as keyof typeof PROBLEM_TYPES)}\``)
          .join(', ') +
        '.',
    },
    servers: [{ url: serverUrl.replace(/\/+$/, '') }],
    tags: [...new Set(endpoints.map((endpoint) => endpoint.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: collector.named,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An Uplink API key, `upk_...`.' } },
      responses: Object.fromEntries(
        usedStatuses.map((status) => [
          `Problem${status}`,
          { description: STATUS_TEXT[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        ]),
      ),
    },
  };
}
