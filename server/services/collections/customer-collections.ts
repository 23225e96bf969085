// A customer's collection settings as staff change them: their own dunning policy and penalty
// class (null puts them back on the default), exemption with its reason, and the balance alert.
// Fields left out keep their values.
import { z } from 'zod';
import {
  customerCollectionSettings, upsertCustomerCollectionSettings, type CustomerCollectionSettings,
} from '../../../db/records/collections/customer-collections.js';
import type { ServiceContext } from '../context.js';
import { assertCustomerExists } from '../customers/customer-directory.js';
import { ValidationError, parseInput } from '../errors.js';
import { amountMinorInput } from '../money-input.js';

export const customerCollectionsUpdateSchema = z.object({
  dunningPolicyId: z.uuid('must be a dunning policy id (a UUID), or null for the default').nullable().optional(),
  penaltyClassId: z.uuid('must be a penalty class id (a UUID), or null for the default').nullable().optional(),
  exempt: z.boolean('must be true or false').optional(),
  exemptReason: z.string('must be a text').trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').nullable().optional(),
  balanceAlertMinor: amountMinorInput.pipe(z.bigint().min(1n, 'must be above zero, or null for no alert')).nullable().optional(),
});

export type CustomerCollections = CustomerCollectionSettings;

export async function getCustomerCollections(ctx: ServiceContext, customerId: string): Promise<CustomerCollections> {
  await assertCustomerExists(ctx, customerId);
  return customerCollectionSettings(ctx.db, customerId);
}

export async function updateCustomerCollections(ctx: ServiceContext, customerId: string, input: unknown): Promise<CustomerCollections> {
  await assertCustomerExists(ctx, customerId);
  const changes = parseInput(customerCollectionsUpdateSchema, input);
  await ctx.db.transaction(async (tx) => {
    const current = await customerCollectionSettings(tx, customerId);
    const merged: CustomerCollectionSettings = { ...current };
    for (const [field, value] of Object.entries(changes)) {
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
    }
    if (!merged.exempt) merged.exemptReason = null;
    const written = await upsertCustomerCollectionSettings(tx, customerId, merged);
    if (!written.ok) throw new ValidationError([{ field: written.field, message: written.reason }]);
  });
  return customerCollectionSettings(ctx.db, customerId);
}
