import { createHash } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/errors.js';
import { customers, idempotentRequests, subscriptions } from '../../db/schema.js';
import { ensureAccountWorkflow } from './account-workflow.js';
import type { ServiceContext } from './context.js';
import { ValidationError, parseInput } from './errors.js';
import { assertPlanCurrency, getPlan } from './plans.js';
import { insertSubscription, isoDate, today, type Subscription } from './subscriptions.js';

export const newCustomerSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.email('must be an email address'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR'),
  planId: z.uuid('must be a plan id').optional(),
  /** First day of service; may be in the past, and every missed period is then billed. */
  startDate: isoDate.optional(),
  /** Day of the month periods renew on; defaults to the start date's day. */
  billingDay: z.int().min(1).max(31).optional(),
});

export type Customer = typeof customers.$inferSelect;

export interface CreatedCustomer {
  customer: Customer;
  subscription: Subscription | null;
  /** True when an earlier request with the same idempotency key had already created it. */
  replayed: boolean;
}

/** A client's promise that requests carrying the same key are one request, retried. */
export interface IdempotencyKey {
  apiKeyId: string;
  key: string;
}

const CREATE_CUSTOMER = 'create-customer';

/**
 * Stores the customer (and subscription, with a plan) and starts the account's workflow. With an
 * idempotency key, a retry returns the customer the first request created, never a second one.
 */
export async function createCustomer(ctx: ServiceContext, input: unknown, idempotency?: IdempotencyKey): Promise<CreatedCustomer> {
  const request = parseInput(newCustomerSchema, input);
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  if (idempotency) {
    const earlier = await customerCreatedEarlier(ctx, idempotency, requestHash);
    if (earlier) return earlier;
  }
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
      })
      .returning();
    if (!customer) throw new Error('customer was not stored');
    const subscription = plan
      ? await insertSubscription(tx, customer.id, plan, request.startDate ?? today(), request.billingDay)
      : null;
    if (idempotency) {
      await tx.insert(idempotentRequests).values({
        apiKeyId: idempotency.apiKeyId,
        key: idempotency.key,
        operation: CREATE_CUSTOMER,
        requestHash,
        resourceId: customer.id,
      });
    }
    return { customer, subscription, replayed: false };
  })
    .catch(async (error: unknown) => {
      // A concurrent request with the same key committed first: ours rolled back, theirs stands.
      const earlier = idempotency && isUniqueViolation(error) ? await customerCreatedEarlier(ctx, idempotency, requestHash) : null;
      if (earlier) return earlier;
      throw error;
    });

  // After commit: the workflow reads what was stored. If this fails, the customer is still
  // saved, and the next start of Uplink (or a retry) starts the workflow.
  await ensureAccountWorkflow(ctx, created.customer.id);
  return created;
}

async function customerCreatedEarlier(
  ctx: ServiceContext,
  idempotency: IdempotencyKey,
  requestHash: string,
): Promise<CreatedCustomer | null> {
  const [earlier] = await ctx.db
    .select()
    .from(idempotentRequests)
    .where(
      and(
        eq(idempotentRequests.apiKeyId, idempotency.apiKeyId),
        eq(idempotentRequests.operation, CREATE_CUSTOMER),
        eq(idempotentRequests.key, idempotency.key),
      ),
    );
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new ValidationError([
      { field: 'Idempotency-Key', message: 'was already used for a different request; use a new key for a new customer' },
    ]);
  }
  const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, earlier.resourceId));
  if (!customer) throw new Error(`customer ${earlier.resourceId} of an idempotent request is missing`);
  // The subscription the first request created: the customer's earliest.
  const [subscription] = await ctx.db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.customerId, customer.id))
    .orderBy(asc(subscriptions.createdAt))
    .limit(1);
  // The first request may have died between its commit and starting the workflow.
  await ensureAccountWorkflow(ctx, customer.id);
  return { customer, subscription: subscription ?? null, replayed: true };
}


/** Starts the workflow of every customer still being billed; run at boot to heal interrupted starts. */
export async function ensureAllAccountWorkflows(ctx: ServiceContext): Promise<number> {
  const live = await ctx.db.select({ id: customers.id }).from(customers).where(ne(customers.status, 'cancelled'));
  for (const { id } of live) await ensureAccountWorkflow(ctx, id);
  return live.length;
}
