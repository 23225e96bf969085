// Staff give a payment that waits in unallocated receipts (a bank transfer nobody matched, money
// in a currency the customer is not billed in) to a customer: it pays their open invoices, the
// one staff name first, and the rest is their credit. Asking again for the same customer answers
// with what the first request did and books nothing; another customer is refused.
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Money } from '../../../billing/money.js';
import { businessDateAt } from '../../../billing/payments/business-date.js';
import { assignPayment } from '../../../db/records/payment-assignment.js';
import { invoices } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../errors.js';

export const paymentAssignmentSchema = z
  .object({
    customerId: z.uuid('must be the id of a customer'),
    /** The invoice the money pays first; the rest pays the customer's other open invoices, oldest due first. */
    invoiceId: z.uuid('must be the id of an invoice').optional(),
  })
  .strict();

export interface PaymentAssignmentResult {
  paymentId: string;
  number: string;
  customerId: string;
  amount: Money;
  /** The invoices it paid, named invoice first. */
  allocations: { invoiceId: string; invoiceNumber: string; amountMinor: bigint }[];
  /** What no open invoice took: the customer's credit for their next invoices. */
  credit: Money;
  /** True when it was already this customer's: nothing new was booked. */
  alreadyAssigned: boolean;
}

export interface AssignmentOptions {
  /** The company's time zone: the money is allocated on today's business date there. */
  timeZone: string;
}

const paymentIdSchema = z.uuid();

export async function assignPaymentToCustomer(
  ctx: ServiceContext,
  paymentId: string,
  input: unknown,
  options: AssignmentOptions,
): Promise<PaymentAssignmentResult> {
  if (!paymentIdSchema.safeParse(paymentId).success) throw new NotFoundError('payment', paymentId);
  const request = parseInput(paymentAssignmentSchema, input);
  if (request.invoiceId) await assertInvoiceOf(ctx, request.invoiceId, request.customerId);
  const outcome = await ctx.db.transaction((tx) =>
    assignPayment(tx, { paymentId, customerId: request.customerId, invoiceId: request.invoiceId ?? null, on: businessDateAt(Date.now(), options.timeZone) }),
  );
  switch (outcome.kind) {
    case 'no-payment':
      throw new NotFoundError('payment', paymentId);
    case 'no-customer':
      throw new ValidationError([{ field: 'customerId', message: 'no customer has this id' }]);
    case 'refused':
      throw new ConflictError(outcome.reason);
  }
  const assigned = outcome.payment;
  const numbers = await invoiceNumbers(ctx, assigned.allocations.map((a) => a.invoiceId));
  return {
    ...assigned,
    allocations: assigned.allocations.map((a) => ({ invoiceId: a.invoiceId, invoiceNumber: numbers.get(a.invoiceId) ?? '', amountMinor: a.amountMinor })),
  };
}

async function assertInvoiceOf(ctx: ServiceContext, invoiceId: string, customerId: string): Promise<void> {
  const [invoice] = await ctx.db.select({ customerId: invoices.customerId }).from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw new ValidationError([{ field: 'invoiceId', message: 'no invoice has this id' }]);
  if (invoice.customerId !== customerId) throw new ValidationError([{ field: 'invoiceId', message: 'is an invoice of another customer' }]);
}

async function invoiceNumbers(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(inArray(invoices.id, ids));
  return new Map(rows.map((row) => [row.id, row.number]));
}
