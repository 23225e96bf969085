// Which rates a customer is billed on, each from a date. A customer may have any number at once;
// a new assignment can replace one of the current ones, which then ends (exclusive) on the new
// one's start, so the period is split by days between the two.
import { and, desc, eq, isNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, type IsoDate } from '../../../billing/calendar.js';
import { customerRates, customers, invoices, rates } from '../../../db/schema.js';
import type { Transaction } from '../../../db/records/transaction.js';
import type { ServiceContext } from '../context.js';
import { getCustomerRecord } from '../customers/customer-directory.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { isoDate } from '../subscriptions/subscriptions.js';
import { rateMismatchesMeters } from '../readings/unit-compatibility.js';

export const rateAssignmentSchema = z.object({
  rateId: z.uuid('must be a rate id (a UUID)'),
  /** First day the rate applies. */
  from: isoDate,
  /** One of the customer's current assignments, which ends on `from`. */
  replaces: z.uuid('must be the id of one of the customer’s current rate assignments').optional(),
});

export interface CustomerRateView {
  id: string;
  customerId: string;
  rateId: string;
  rateName: string;
  currency: string;
  from: string;
  /** The first day it no longer applies; null while current. */
  endedOn: string | null;
  createdAt: Date;
}

const viewColumns = {
  id: customerRates.id,
  customerId: customerRates.customerId,
  rateId: customerRates.rateId,
  rateName: rates.name,
  currency: rates.currency,
  from: customerRates.effectiveFrom,
  endedOn: customerRates.endedOn,
  createdAt: customerRates.createdAt,
};

/** A customer's assignments, current ones first, then by start date, newest first. */
export async function listCustomerRates(ctx: ServiceContext, customerId: string): Promise<CustomerRateView[]> {
  await getCustomerRecord(ctx, customerId);
  return ctx.db
    .select(viewColumns)
    .from(customerRates)
    .innerJoin(rates, eq(rates.id, customerRates.rateId))
    .where(eq(customerRates.customerId, customerId))
    .orderBy(sql`${customerRates.endedOn} is not null`, desc(customerRates.effectiveFrom), desc(customerRates.createdAt));
}

/**
 * Days already invoiced stay as billed: a rate from an earlier day would be missing from those
 * invoices, and the rate it replaces would stay charged there. The customer row is locked, and
 * issuing an invoice takes a share lock on it, so the two cannot interleave.
 */
async function refuseBilledDays(tx: Transaction, customerId: string, from: IsoDate): Promise<void> {
  await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('no key update');
  const [billed] = await tx
    .select({ until: max(invoices.periodEnd) })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), eq(invoices.kind, 'recurring')));
  if (billed?.until && from < billed.until) {
    throw new ValidationError([
      {
        field: 'from',
        message: `must be ${billed.until} or later: the customer is invoiced up to ${addDays(billed.until as IsoDate, -1)}, and invoiced days keep their rates`,
      },
    ]);
  }
}

export async function assignRate(ctx: ServiceContext, customerId: string, input: unknown): Promise<CustomerRateView> {
  const request = parseInput(rateAssignmentSchema, input);
  const customer = await getCustomerRecord(ctx, customerId);
  const id = await ctx.db.transaction(async (tx) => {
    await refuseBilledDays(tx, customerId, request.from as IsoDate);
    // A share lock keeps the rate's currency as read until the assignment is stored (a currency
    // change locks the rate for update and checks for assignments).
    const [rate] = await tx.select({ currency: rates.currency, components: rates.components }).from(rates).where(eq(rates.id, request.rateId)).for('share');
    if (!rate) throw new ValidationError([{ field: 'rateId', message: 'no rate has this id' }]);
    if (rate.currency !== customer.currency) {
      throw new ValidationError([{ field: 'rateId', message: `the rate is priced in ${rate.currency}, the customer is billed in ${customer.currency}` }]);
    }
    const unitProblems = await rateMismatchesMeters(tx, customerId, rate.components);
    if (unitProblems.length > 0) throw new ValidationError(unitProblems.map((message) => ({ field: 'rateId', message })));
    if (request.replaces !== undefined) {
      const [replaced] = await tx
        .select()
        .from(customerRates)
        .where(and(eq(customerRates.id, request.replaces), eq(customerRates.customerId, customerId), isNull(customerRates.endedOn)))
        .for('update');
      if (!replaced) throw new ValidationError([{ field: 'replaces', message: 'is not one of the customer’s current rate assignments' }]);
      if (request.from <= replaced.effectiveFrom) {
        throw new ValidationError([{ field: 'from', message: `must be after ${replaced.effectiveFrom}, the start of the assignment it replaces` }]);
      }
      await tx.update(customerRates).set({ endedOn: request.from }).where(eq(customerRates.id, replaced.id));
    }
    const [created] = await tx
      .insert(customerRates)
      .values({ customerId, rateId: request.rateId, effectiveFrom: request.from })
      .returning({ id: customerRates.id });
    if (!created) throw new Error('rate assignment was not stored');
    return created.id;
  });
  const [view] = await ctx.db.select(viewColumns).from(customerRates).innerJoin(rates, eq(rates.id, customerRates.rateId)).where(eq(customerRates.id, id));
  if (!view) throw new NotFoundError('customer rate', id);
  return view;
}
