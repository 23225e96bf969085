// Staff correct a customer's name or email, or give them payment terms of their own (or take
// them back to the company default). The terms date invoices issued from then on; invoices
// already issued keep their due dates.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { customers } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError, parseInput } from '../errors.js';
import { paymentTermsDays } from '../settings/payment-terms-input.js';
import { getCustomerRecord } from './customer-directory.js';
import { newCustomerSchema, type Customer } from './customers.js';

export const customerUpdateSchema = z.object({
  name: newCustomerSchema.shape.name.optional(),
  email: newCustomerSchema.shape.email.optional(),
  /** null: the company default from the billing settings. */
  paymentTermsDays: paymentTermsDays.nullable().optional(),
});

/** Changes the fields given; an absent field stays as it is. */
export async function updateCustomer(ctx: ServiceContext, customerId: string, input: unknown): Promise<Customer> {
  const changes = parseInput(customerUpdateSchema, input);
  const customer = await getCustomerRecord(ctx, customerId);
  const set = {
    ...(changes.name === undefined ? {} : { name: changes.name }),
    ...(changes.email === undefined ? {} : { email: changes.email }),
    ...(changes.paymentTermsDays === undefined ? {} : { paymentTermsDays: changes.paymentTermsDays }),
  };
  if (Object.keys(set).length === 0) return customer;
  const [updated] = await ctx.db.update(customers).set(set).where(eq(customers.id, customerId)).returning();
  if (!updated) throw new NotFoundError('customer', customerId);
  return updated;
}
