// A reply that does not match its endpoint's response schema is our bug, found after the handler
// may have committed its work: it is logged as an error, and the client still gets the reply
// rather than a 500 that would invite a retry of, say, a customer creation.
import type { AppLoadContext } from '@remix-run/node';
import { expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineEndpoint } from '../../portal/api/endpoint.server.js';
import { apiRoute, implement } from '../../portal/api/handle-endpoint.server.js';

const created = defineEndpoint({
  id: 'createThing',
  method: 'POST',
  path: '/things',
  tag: 'Things',
  summary: 'Create a thing.',
  authenticated: false,
  response: z.object({ id: z.string(), count: z.int() }),
  successStatus: 201,
});

const serve = (body: unknown) => {
  const route = apiRoute(implement(created, async () => ({ body: body as { id: string; count: number } })));
  const request = new Request('http://localhost/things', { method: 'POST' });
  return route.action({ request, params: {}, context: {} as AppLoadContext });
};

it('sends a reply that matches its schema, with the success status', async () => {
  const answer = await serve({ id: 'thing-1', count: 2 });
  expect(answer.status).toBe(201);
  expect(await answer.json()).toEqual({ id: 'thing-1', count: 2 });
});

it('logs a reply outside its schema as an error and still sends it, not a 500', async () => {
  // The shared setup's spy fails any test that logs an error; here the error is the point, so
  // this test takes it over (the setup restores it afterwards).
  const logged: unknown[][] = [];
  vi.mocked(console.error).mockImplementation((...args: unknown[]) => void logged.push(args));
  const answer = await serve({ id: 'thing-1', count: 'two' });
  expect(answer.status).toBe(201);
  expect(await answer.json()).toEqual({ id: 'thing-1', count: 'two' });
  expect(logged.map((args) => args.map(String).join(' '))).toEqual([expect.stringContaining('POST /things answered outside its response schema')]);
});
