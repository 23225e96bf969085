// Values at the edge of what the API takes, against the real stack: every value accepted is one
// billing can compute and Postgres can store, and every other one is refused with 422 naming the
// field, with nothing stored, instead of a 500 or a silent change.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plans } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
});
afterAll(() => harness?.dispose());

const storedPlans = () => harness.stack.ctx.db.select().from(plans).orderBy(plans.id);

/** A request refused with 422 naming exactly `field`, storing no plan and changing none; the message. */
async function refusedNaming(field: string, request: () => Promise<{ status: number; body: Json }>): Promise<string> {
  const before = await storedPlans();
  const answer = await request();
  expect(answer.status).toBe(422);
  expect(answer.body.type).toBe('urn:uplink:problem:invalid-request');
  expect(answer.body.errors.map((error: Json) => error.field)).toEqual([field]);
  expect(await storedPlans()).toEqual(before);
  return answer.body.errors[0].message as string;
}

const plan = { name: 'Fibre 100', amount: '4900', currency: 'EUR', interval: 'month' };

describe('plan amounts', () => {
  it('takes a plan at the amount bound, and refuses one above it (past bigint, or 400 digits) naming amount', async () => {
    const most = await api.post('/api/v1/plans', { ...plan, amount: '1000000000000000' });
    expect(most.status).toBe(201);
    expect(most.body.amount).toEqual({ amountMinor: '1000000000000000', currency: 'EUR' });

    for (const amount of ['1000000000000001', '9223372036854775808', '9'.repeat(400)]) {
      expect(await refusedNaming('amount', () => api.post('/api/v1/plans', { ...plan, amount }))).toBe('must be at most 1000000000000000 minor units');
      expect(await refusedNaming('amount', () => api.patch(`/api/v1/plans/${most.body.id}`, { amount }))).toBe('must be at most 1000000000000000 minor units');
    }
    const [stored] = await harness.stack.ctx.db.select().from(plans).where(eq(plans.id, most.body.id));
    expect(stored?.amountMinor).toBe(10n ** 15n);
  });
});
