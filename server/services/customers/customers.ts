import { asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { customers, subscriptions } from '../../../db/schema.js';
import { accountFactKey, handOffAccountFact } from '../../../db/records/handoffs.js';
import { ensureAccountWorkflow } from './account-workflow.js';
import type { ServiceContext } from '../context.js';
import { deliverCommittedHandoffs } from '../handoffs/deliver-handoffs.js';
import { parseInput } from '../errors.js';
import {
  hashRequest,
  lostRaceForKey,
  recordIdempotentRequest,
  resourceOfEarlierRequest,
  type IdempotencyKey,
  type IdempotentRequest,
} from '../idempotent-requests.js';
import { paymentTermsDays } from '../settings/payment-terms-input.js';
import { assertPlanCurrency, getPlan } from '../subscriptions/plans.js';
import { insertSubscription, isoDate, today, type Subscription } from '../subscriptions/subscriptions.js';

export const newCustomerSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.email('must be an email address'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR'),
  planId: z.uuid('must be a plan id').optional(),
  /** First day of service; may be in the past, and every missed period is then billed. */
  startDate: isoDate.optional(),
  /** Day of the month periods renew on; defaults to the start date's day. */
  billingDay: z.int().min(1).max(31).optional(),
  /** Days after issue the customer's invoices fall due; null or absent: the company default. */
  paymentTermsDays: paymentTermsDays.nullable().optional(),
});

export type Customer = typeof customers.$inferSelect;

export interface CreatedCustomer {
  customer: Customer;
  subscription: Subscription | null;
  /** True when an earlier request with the same idempotency key had already created it. */
  replayed: boolean;
}

export type { IdempotencyKey } from '../idempotent-requests.js';

const CREATE_CUSTOMER = 'create-customer';

/**
 * Stores the customer (and subscription, with a plan) and hands the account to its workflow, which
 * starts. With an idempotency key, a retry returns the customer the first request created, never a
 * second one.
 */
export async function createCustomer(ctx: ServiceContext, input: unknown, idempotency?: IdempotencyKey): Promise<CreatedCustomer> {
  const request = parseInput(newCustomerSchema, input);
  const keyed: IdempotentRequest | null = idempotency
    ? { key: idempotency, operation: CREATE_CUSTOMER, requestHash: hashRequest(request), resourceLabel: 'a new customer' }
    : null;
  const earlier = keyed && (await customerCreatedEarlier(ctx, keyed));
  if (earlier) return earlier;
  const plan = request.planId ? await getPlan(ctx, request.planId) : null;
  if (plan) assertPlanCurrency(plan, request.currency);

  const created = await ctx.db
    .transaction(async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({
        name: request.name,
        email: request.email,
        currency: request.currency,
        status: plan ? 'active' : 'pending',
        paymentTermsDays: request.paymentTermsDays ?? null,
      })
      .returning();
    if (!customer) throw new Error('customer was not stored');
    const subscription = plan
      ? await insertSubscription(tx, customer.id, plan, request.startDate ?? today(), request.billingDay)
      : null;
    if (keyed) await recordIdempotentRequest(tx, keyed, customer.id);
    await handOffAccountFact(tx, customer.id, { kind: 'account-opened' });
    return { customer, subscription, replayed: false };
  })
    .catch(async (error: unknown) => {
      // A concurrent request with the same key committed first: ours rolled back, theirs stands.
      const winner = keyed && lostRaceForKey(error) ? await customerCreatedEarlier(ctx, keyed) : null;
      if (winner) return winner;
      throw error;
    });

  if (created.replayed) return created;
  // After commit: the workflow starts and reads what was stored. Should this fail, the hand-off
  // waits in the outbox and the relay delivers it.
  await deliverCommittedHandoffs(ctx, [accountFactKey(created.customer.id, { kind: 'account-opened' })]);
  return created;
}

async function customerCreatedEarlier(ctx: ServiceContext, request: IdempotentRequest): Promise<CreatedCustomer | null> {
  const customerId = await resourceOfEarlierRequest(ctx, request);
  if (!customerId) return null;
  const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new Error(`customer ${customerId} of an idempotent request is missing`);
  // The subscription the first request created: the customer's earliest.
  const [subscription] = await ctx.db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.customerId, customer.id))
    .orderBy(asc(subscriptions.createdAt))
    .limit(1);
  // The first request may have died between its commit and delivering its hand-off.
  await deliverCommittedHandoffs(ctx, [accountFactKey(customer.id, { kind: 'account-opened' })]);
  return { customer, subscription: subscription ?? null, replayed: true };
}


/** Starts the workflow of every customer still being billed; run at boot to heal interrupted starts. */
export async function ensureAllAccountWorkflows(ctx: ServiceContext): Promise<number> {
  const live = await ctx.db.select({ id: customers.id }).from(customers).where(ne(customers.status, 'cancelled'));
  for (const { id } of live) await ensureAccountWorkflow(ctx, id);
  return live.length;
}
