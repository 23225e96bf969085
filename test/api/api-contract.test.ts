// What the REST API promises beyond the happy path, against the real stack: keys, bad input
// (the right 4xx, a problem body naming field and reason, and nothing stored), unknown and
// malformed ids, methods, the OpenAPI document matching the routes, and /healthz.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { customers, idempotentRequests, plans, subscriptions } from '../../db/schema.js';
import { startPortalServer } from '../../server/portal/http-server.js';
import { createApiKey, revokeApiKey } from '../../server/services/access/api-keys.js';
import type { ServiceContext } from '../../server/services/context.js';
import { freePorts } from '../temporal-tooling/free-ports.js';
import { createPortalHarness, TEST_SESSION_SECRET, type PortalHarness } from '../support/portal-harness.js';
import { StaffBrowser } from '../support/staff-browser.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let eurPlan: { id: string };

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  eurPlan = (await api.post('/api/v1/plans', { name: 'Copper 16', amount: 1900, currency: 'EUR', interval: 'month' })).body;
});
afterAll(() => harness?.dispose());

const UNKNOWN_ID = '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30';

async function storedRows() {
  const { db } = harness.stack.ctx;
  const tally = async (table: typeof plans | typeof customers | typeof subscriptions | typeof idempotentRequests) =>
    (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return { plans: await tally(plans), customers: await tally(customers), subscriptions: await tally(subscriptions), idempotent: await tally(idempotentRequests) };
}

/** Runs a request that must be refused, and checks it stored nothing. */
async function refused(request: () => Promise<{ status: number; headers: Headers; body: Json }>) {
  const before = await storedRows();
  const answer = await request();
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ type: expect.stringMatching(/^urn:uplink:problem:/), status: answer.status, title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at |node_modules/);
  expect(await storedRows()).toEqual(before);
  return answer;
}

describe('API keys', () => {
  const newPlan = { name: 'Keyless', amount: 100, currency: 'EUR', interval: 'month' };

  it('refuses a request without a key, telling the client how to authenticate', async () => {
    const answer = await refused(() => new ApiClient(harness.url, null).post('/api/v1/plans', newPlan));
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="Uplink API"');
    expect(answer.body.detail).toContain('Authorization: Bearer');
  });

  it('refuses unknown and malformed keys', async () => {
    for (const token of [`upk_0123456789ab_${'A'.repeat(43)}`, 'not-a-key']) {
      const answer = await refused(() => new ApiClient(harness.url, token).post('/api/v1/plans', newPlan));
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(answer.body.detail).toBe('The API key is unknown or has been revoked.');
    }
  });

  it('refuses a revoked key on its next request', async () => {
    const { apiKey, token } = await createApiKey(harness.stack.ctx, { name: 'soon revoked' });
    const client = new ApiClient(harness.url, token);
    expect((await client.get('/api/v1/plans')).status).toBe(200);
    await revokeApiKey(harness.stack.ctx, apiKey.prefix);
    const answer = await refused(() => client.post('/api/v1/plans', newPlan));
    expect(answer.status).toBe(401);
  });
});

describe('bad input is refused with every field and reason, and nothing is stored', () => {
  it('a body that is not JSON, or is empty, is a 400', async () => {
    const broken = await refused(() => api.send('POST', '/api/v1/plans', '{"name": "Fibre",'));
    expect(broken.status).toBe(400);
    expect(broken.body.type).toBe('urn:uplink:problem:bad-json');
    expect(broken.body.detail).toContain('not valid JSON');
    const empty = await refused(() => api.send('POST', '/api/v1/customers', ''));
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toContain('the body is empty');
  });

  it('missing plan fields are each named as required', async () => {
    const answer = await refused(() => api.post('/api/v1/plans', {}));
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('urn:uplink:problem:invalid-request');
    expect(answer.body.errors).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'amount', message: 'is required' },
      { field: 'currency', message: 'is required' },
      { field: 'interval', message: 'is required' },
    ]);
    expect(answer.body.detail).toBe('Fix name, amount, currency, interval and send the request again; nothing was stored.');
  });

  it('wrong-typed plan fields say what they must be', async () => {
    const answer = await refused(() => api.post('/api/v1/plans', { name: 'Fibre', amount: '12.5', currency: 'euro', interval: 'week' }));
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      { field: 'amount', message: 'must be a whole number of minor units' },
      { field: 'currency', message: 'must be a 3-letter ISO 4217 code such as EUR' },
      { field: 'interval', message: 'must be one of "month", "year"' },
    ]);
    const decimal = await refused(() => api.post('/api/v1/plans', { name: 'Fibre', amount: 12.5, currency: 'EUR', interval: 'month' }));
    expect(decimal.body.errors).toEqual([{ field: 'amount', message: 'must be a whole number of minor units' }]);
    const negative = await refused(() => api.post('/api/v1/plans', { name: 'Fibre', amount: -5, currency: 'EUR', interval: 'month' }));
    expect(negative.body.errors).toEqual([{ field: 'amount', message: 'must not be negative' }]);
  });

  it('customer fields: an impossible date, a bad email, an unknown field, a body that is not an object', async () => {
    const answer = await refused(() =>
      api.post('/api/v1/customers', { name: 'Ada', email: 'ada-at-example', currency: 'EUR', startDate: '2026-02-30', plan_id: eurPlan.id }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'must be an email address' },
        { field: 'startDate', message: 'must be a calendar date as YYYY-MM-DD' },
        { field: 'plan_id', message: 'is not a field of this request' },
      ]),
    );
    expect(answer.body.errors).toHaveLength(3);
    const list = await refused(() => api.post('/api/v1/customers', [{ name: 'Ada' }]));
    expect(list.status).toBe(422);
    expect(list.body.errors).toEqual([{ field: '(body)', message: 'must be a JSON object, not an array' }]);
  });

  it('a plan id that does not exist, or is priced in another currency, is a bad planId', async () => {
    const unknown = await refused(() => api.post('/api/v1/customers', { name: 'Ada', email: 'ada@example.test', currency: 'EUR', planId: UNKNOWN_ID }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'planId', message: 'no plan has this id' }]);
    const otherCurrency = await refused(() => api.post('/api/v1/customers', { name: 'Ada', email: 'ada@example.test', currency: 'USD', planId: eurPlan.id }));
    expect(otherCurrency.status).toBe(422);
    expect(otherCurrency.body.errors).toEqual([{ field: 'planId', message: 'plan is priced in EUR, the customer is billed in USD' }]);
    const notAnId = await refused(() => api.post('/api/v1/customers', { name: 'Ada', email: 'ada@example.test', currency: 'EUR', planId: 'fibre-100' }));
    expect(notAnId.body.errors).toEqual([{ field: 'planId', message: 'must be a plan id' }]);
  });

  it('a plan change with nothing to change, and a subscription for a customer who has one, are refused', async () => {
    const nothing = await refused(() => api.patch(`/api/v1/plans/${eurPlan.id}`, {}));
    expect(nothing.status).toBe(422);
    expect(nothing.body.errors).toEqual([{ field: '(body)', message: 'must change at least one of name, amount, currency, interval' }]);

    const customer = (await api.post('/api/v1/customers', { name: 'Subscribed', email: 'subscribed@example.test', currency: 'EUR', planId: eurPlan.id })).body;
    const twice = await refused(() => api.post(`/api/v1/customers/${customer.id}/subscriptions`, { planId: eurPlan.id }));
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([{ field: 'customerId', message: 'customer is active, not waiting for a subscription' }]);
    const pending = (await api.post('/api/v1/customers', { name: 'Pending', email: 'pending@example.test', currency: 'EUR' })).body;
    const cancelNothing = await refused(() => api.post(`/api/v1/customers/${pending.id}/cancel`));
    expect(cancelNothing.status).toBe(422);
    expect(cancelNothing.body.errors).toEqual([{ field: 'customerId', message: 'customer has no active subscription' }]);
  });

  it('a bad Idempotency-Key header is named', async () => {
    const answer = await refused(() =>
      api.post('/api/v1/customers', { name: 'Ada', email: 'ada@example.test', currency: 'EUR' }, { 'Idempotency-Key': 'k'.repeat(256) }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }]);
  });

  it('a cursor that no page returned, or a limit out of range, is named', async () => {
    const cursor = await refused(() => api.get('/api/v1/plans?cursor=garbage'));
    expect(cursor.status).toBe(422);
    expect(cursor.body.errors).toEqual([{ field: 'cursor', message: 'is not a cursor returned by a previous page' }]);
    const limit = await refused(() => api.get('/api/v1/customers?limit=0&status=gone'));
    expect(limit.body.errors).toEqual([
      { field: 'limit', message: 'must be at least 1' },
      { field: 'status', message: 'must be one of "pending", "active", "cancelled"' },
    ]);
  });
});

describe('ids in the path', () => {
  it('an unknown id is a 404 naming it', async () => {
    const paths = [
      ['GET', `/api/v1/plans/${UNKNOWN_ID}`, 'plan'],
      ['PATCH', `/api/v1/plans/${UNKNOWN_ID}`, 'plan'],
      ['GET', `/api/v1/customers/${UNKNOWN_ID}`, 'customer'],
      ['GET', `/api/v1/customers/${UNKNOWN_ID}/invoices`, 'customer'],
      ['GET', `/api/v1/customers/${UNKNOWN_ID}/ledger`, 'customer'],
      ['POST', `/api/v1/customers/${UNKNOWN_ID}/cancel`, 'customer'],
      ['POST', `/api/v1/customers/${UNKNOWN_ID}/plan`, 'customer'],
      ['POST', `/api/v1/customers/${UNKNOWN_ID}/subscriptions`, 'customer'],
      ['GET', `/api/v1/invoices/${UNKNOWN_ID}`, 'invoice'],
      ['GET', `/api/v1/emails/${UNKNOWN_ID}`, 'email'],
    ] as const;
    for (const [method, path, entity] of paths) {
      const body = method === 'GET' ? undefined : JSON.stringify(method === 'PATCH' ? { name: 'New name' } : { planId: eurPlan.id });
      const answer = await refused(() => api.send(method, path, body));
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.body.detail).toBe(`The ${entity} ${UNKNOWN_ID} does not exist.`);
    }
  });

  it('a malformed id is a 422 naming the parameter', async () => {
    const answer = await refused(() => api.get('/api/v1/customers/12345'));
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([{ field: 'customerId', message: 'must be a customer id (a UUID)' }]);
    const invoice = await refused(() => api.get('/api/v1/invoices/INV-0001'));
    expect(invoice.body.errors).toEqual([{ field: 'invoiceId', message: 'must be an invoice id (a UUID)' }]);
  });
});

describe('paths the API does not serve', () => {
  it('answer 404 as a problem for every method, with or without a key', async () => {
    for (const client of [api, new ApiClient(harness.url, null)]) {
      for (const path of ['/api/v1/nothing-here', `/api/v1/plans/${UNKNOWN_ID}/nothing-here`, '/api/v1/customers/a/b/c/d', '/api/v1/']) {
        for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
          const answer = await refused(() => client.send(method, path, ['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined));
          expect({ method, path, status: answer.status, type: answer.body.type }).toEqual({ method, path, status: 404, type: 'urn:uplink:problem:not-found' });
        }
        const head = await fetch(harness.url + path, { method: 'HEAD', headers: client.token ? { Authorization: `Bearer ${client.token}` } : {} });
        expect({ path, status: head.status, type: head.headers.get('content-type') }).toEqual({ path, status: 404, type: 'application/problem+json' });
      }
    }
  });
});

/** The URL a flat-routes file name serves: `api.v1.customers_.$customerId_.cancel.ts` → `/api/v1/customers/{customerId}/cancel`. */
function urlOfRouteFile(file: string): string {
  const segments = file
    .replace(/\.ts$/, '')
    .replaceAll('[.]', '\u0000')
    .split('.')
    .map((segment) => segment.replaceAll('\u0000', '.').replace(/_$/, '').replace(/^\$(.+)$/, '{$1}'));
  return `/${segments.join('/')}`;
}

describe('the OpenAPI document', () => {
  let document: Json;
  beforeAll(async () => {
    const answer = await new ApiClient(harness.url, null).get('/api/v1/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.body;
  });

  it('describes every API route file, and only those', () => {
    // api.v1.$.ts is no endpoint: it answers 404 for every path the API does not serve.
    const routeFiles = readdirSync(resolve('portal/routes')).filter((file) => /^(api\.v1\..*|healthz)\.ts$/.test(file) && file !== 'api.v1.$.ts');
    expect(routeFiles.length).toBeGreaterThan(10);
    expect(Object.keys(document.paths).sort()).toEqual(routeFiles.map(urlOfRouteFile).sort());
  });

  it('names the configured portal URL as its server, not the address the request came to', () => {
    expect(harness.settings.portalUrl).not.toBe(harness.url);
    expect(document.servers).toEqual([{ url: harness.settings.portalUrl }]);
  });

  it('is structurally a valid OpenAPI 3.1 document whose references all resolve', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(document.components.securitySchemes.apiKey).toEqual({ type: 'http', scheme: 'bearer', description: expect.any(String) });
    const operationIds = new Set<string>();
    for (const [path, operations] of Object.entries<Record<string, Json>>(document.paths)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(operations)) {
        expect(['get', 'post', 'patch', 'put', 'delete']).toContain(method);
        expect(operationIds.has(operation.operationId)).toBe(false);
        operationIds.add(operation.operationId);
        expect(operation.summary).toEqual(expect.any(String));
        const pathParameters = operation.parameters.filter((parameter: Json) => parameter.in === 'path');
        expect(pathParameters.map((parameter: Json) => parameter.name)).toEqual(templated);
        for (const parameter of operation.parameters) expect(parameter.schema).toEqual(expect.any(Object));
        const statuses = Object.keys(operation.responses);
        expect(statuses.some((status) => /^2\d\d$/.test(status))).toBe(true);
        if (operation.security.length > 0) expect(statuses).toContain('401');
        if (operation.requestBody) {
          const media = Object.entries<Json>(operation.requestBody.content);
          expect(media.map(([type]) => type)).toEqual([expect.stringMatching(/^(application\/json|multipart\/form-data)$/)]);
          expect(media[0]![1].schema).toEqual(expect.objectContaining({}));
          expect(Object.keys(media[0]![1].schema).length).toBeGreaterThan(0);
        }
      }
    }
    expect(document.paths['/api/v1/plans'].get.parameters.map((parameter: Json) => parameter.name)).toEqual(['limit', 'cursor']);
    expect(document.paths['/api/v1/plans'].post.requestBody.content['application/json'].schema).toMatchObject({
      required: ['name', 'amount', 'currency', 'interval'],
      additionalProperties: false,
    });
    expect(document.components.responses.Problem422.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });

    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<Json>((node, key) => node?.[key], document);
      expect({ ref, resolves: target !== undefined }).toEqual({ ref, resolves: true });
    }
  });

  it('documents exactly the methods each route serves: documented ones answer, others get 405 with Allow', async () => {
    const anonymous = new ApiClient(harness.url, null);
    for (const [template, operations] of Object.entries<Record<string, Json>>(document.paths)) {
      const path = template.replace(/\{\w+\}/g, UNKNOWN_ID);
      for (const [method, operation] of Object.entries(operations)) {
        const answer = await anonymous.send(method.toUpperCase(), path, method === 'get' ? undefined : '{}');
        expect({ path, method, status: answer.status }).toEqual({ path, method, status: operation.security.length > 0 ? 401 : 200 });
      }
      // A method the route does not serve: DELETE, or PATCH where DELETE is served.
      const unserved = 'delete' in operations ? 'PATCH' : 'DELETE';
      const refused = await anonymous.send(unserved, path);
      expect({ path, status: refused.status }).toEqual({ path, status: 405 });
      const documented = Object.keys(operations).map((method) => method.toUpperCase());
      expect(refused.headers.get('allow')?.split(', ').sort()).toEqual([...documented, ...(documented.includes('GET') ? ['HEAD'] : [])].sort());
    }
  });
});

describe('the staff API page', () => {
  it('is for signed-in staff only', async () => {
    const answer = await new StaffBrowser(harness.url).get('/staff/api-docs');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/staff/sign-in?redirectTo=%2Fstaff%2Fapi-docs');
  });

  it('renders every endpoint of the document with its parameters, body fields, schemas and problem types', async () => {
    const { email, password } = await harness.newStaff();
    const browser = new StaffBrowser(harness.url);
    await browser.get('/staff/sign-in');
    expect((await browser.postForm('/staff/sign-in', { email, password })).status).toBe(302);
    const page = await browser.get('/staff/api-docs');
    expect(page.status).toBe(200);
    const html = (await page.text()).replaceAll('&#x27;', "'");

    const document = (await new ApiClient(harness.url, null).get('/api/v1/openapi.json')).body;
    for (const [path, operations] of Object.entries<Record<string, Json>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(html).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`);
        expect(html).toContain(operation.summary);
      }
    }
    for (const name of Object.keys(document.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
    expect(html).toContain('<code>Idempotency-Key</code>');
    expect(html).toContain('<code>startDate</code>');
    expect(html).toContain('string (date)');
    expect(html).toContain('urn:uplink:problem:invalid-request');
    expect(html).toContain(`Base URL <code>${harness.settings.portalUrl}</code>`);
  });
});

describe('/healthz', () => {
  it('answers 200 when the database and Temporal answer', async () => {
    const answer = await new ApiClient(harness.url, null).get('/healthz');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok' } });
  });

  /** A second portal over the same build, whose Temporal and/or database is a port nobody listens on. */
  async function portalWith(down: { temporal?: boolean; database?: boolean }) {
    const [closedPort] = await freePorts(1);
    const deadDatabase = down.database ? await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${closedPort}/uplink`, dataDir: '' }) : null;
    const services: ServiceContext = {
      db: deadDatabase?.db ?? harness.stack.ctx.db,
      temporal: down.temporal ? new Client({ connection: Connection.lazy({ address: `127.0.0.1:${closedPort}` }) }) : harness.stack.ctx.temporal,
    };
    const portal = await startPortalServer({
      services,
      settings: harness.settings,
      sessionSecret: TEST_SESSION_SECRET,
      host: '127.0.0.1',
      port: 0,
      buildDirectory: resolve(process.env.UPLINK_BUILD_DIR ?? 'build'),
    });
    return {
      url: portal.url,
      async close() {
        await portal.close();
        if (down.temporal) await services.temporal.connection.close();
        await deadDatabase?.close();
      },
    };
  }

  it('answers 503 naming Temporal when Temporal is unreachable', async () => {
    const portal = await portalWith({ temporal: true });
    try {
      const started = Date.now();
      const answer = await new ApiClient(portal.url, null).get('/healthz');
      // Bounded by the health check's deadline, not by gRPC's own minutes of retrying (with
      // generous room for a loaded machine).
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ status: 'unavailable', checks: { database: 'ok', temporal: 'down' } });
      // A generic reason: driver messages name hosts and ports, and this answer needs no key.
      expect(answer.body.detail).toMatch(/^temporal is down: (unreachable|timed out after 1\.5 s)$/);
    } finally {
      await portal.close();
    }
  });

  it('answers 503 naming the database when it is unreachable', async () => {
    const portal = await portalWith({ database: true });
    try {
      const answer = await new ApiClient(portal.url, null).get('/healthz');
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ status: 'unavailable', checks: { database: 'down', temporal: 'ok' } });
      expect(answer.body.detail).toBe('database is down: unreachable');
    } finally {
      await portal.close();
    }
  });
});
