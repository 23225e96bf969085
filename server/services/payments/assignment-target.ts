// Who staff mean when they assign a payment, written as people write it: the customer's email,
// id or reference (CUST-1A2B3C4D), and/or the number of the invoice it pays (INV-2026-000123, as
// loosely as a payer writes it). An invoice alone names its customer too.
import { eq, sql } from 'drizzle-orm';
import { customerReferencesIn, invoiceNumbersIn } from '../../../billing/payments/bank-matching.js';
import { customers, invoices } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { ValidationError } from '../errors.js';

export interface AssignmentTarget {
  customerId: string;
  invoiceId?: string;
}

export async function resolveAssignmentTarget(ctx: ServiceContext, written: { customer?: string; invoice?: string }): Promise<AssignmentTarget> {
  const customerText = written.customer?.trim() ?? '';
  const invoiceText = written.invoice?.trim() ?? '';
  if (customerText === '' && invoiceText === '') {
    throw new ValidationError([{ field: 'customer', message: 'is required: the customer’s email, id or reference, or the number of the invoice it pays' }]);
  }
  const invoice = invoiceText === '' ? null : await findInvoice(ctx, invoiceText);
  const customerId = customerText === '' ? invoice!.customerId : await findCustomer(ctx, customerText);
  if (invoice && invoice.customerId !== customerId) throw new ValidationError([{ field: 'invoice', message: `${invoice.number} is another customer’s invoice` }]);
  return { customerId, ...(invoice ? { invoiceId: invoice.id } : {}) };
}

async function findInvoice(ctx: ServiceContext, text: string) {
  const [number] = invoiceNumbersIn(text);
  if (!number) throw new ValidationError([{ field: 'invoice', message: `"${text}" is not an invoice number such as INV-2026-000123` }]);
  const [invoice] = await ctx.db.select({ id: invoices.id, number: invoices.number, customerId: invoices.customerId }).from(invoices).where(eq(invoices.number, number));
  if (!invoice) throw new ValidationError([{ field: 'invoice', message: `no invoice has the number ${number}` }]);
  return invoice;
}

async function findCustomer(ctx: ServiceContext, text: string): Promise<string> {
  if (text.includes('@')) {
    const found = await ctx.db.select({ id: customers.id }).from(customers).where(sql`lower(${customers.email}) = ${text.toLowerCase()}`);
    return only(found, `no customer has the email ${text}`, `${found.length} customers have the email ${text}: give the id`);
  }
  // A whole id names one customer; a reference (with its CUST- prefix) the customers whose id begins so.
  const [reference] = customerReferencesIn(text);
  if (!reference) throw new ValidationError([{ field: 'customer', message: `"${text}" is no customer email, id or reference (CUST-1A2B3C4D)` }]);
  const prefix = reference.reference.slice('CUST-'.length).toLowerCase();
  const found = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(reference.customerId ? eq(customers.id, reference.customerId) : sql`left(${customers.id}::text, 8) = ${prefix}`);
  return only(found, `no customer has the ${reference.customerId ? 'id' : 'reference'} ${reference.customerId ?? reference.reference}`, `${reference.reference} fits ${found.length} customers: give the id`);
}

function only(found: { id: string }[], none: string, several: string): string {
  if (found.length === 1) return found[0]!.id;
  throw new ValidationError([{ field: 'customer', message: found.length === 0 ? none : several }]);
}
