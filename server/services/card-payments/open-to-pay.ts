// What the customer can pay now: each invoice with money open (oldest due first, the order a
// payment settles them in), what they add up to, and whether a card is ready to pay with.
import { eq } from 'drizzle-orm';
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { isOverdue } from '../../../billing/payments/payment-status.js';
import { openInvoicesOf } from '../../../db/records/invoice-balances.js';
import { customers } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';

export interface OpenInvoiceToPay {
  id: string;
  number: string;
  dueDate: IsoDate;
  open: Money;
  overdue: boolean;
}

export interface OpenToPay {
  invoices: OpenInvoiceToPay[];
  total: Money;
}

export async function openToPay(ctx: ServiceContext, customerId: string, today: IsoDate): Promise<OpenToPay> {
  const [customer] = await ctx.db.select({ currency: customers.currency }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new NotFoundError('customer', customerId);
  const open = await openInvoicesOf(ctx.db, customerId, customer.currency);
  return {
    invoices: open.map((invoice) => ({
      id: invoice.invoiceId,
      number: invoice.number,
      dueDate: invoice.dueDate,
      open: money(invoice.openMinor, invoice.currency),
      overdue: isOverdue(invoice.dueDate, invoice.openMinor, today),
    })),
    total: money(
      open.reduce((sum, invoice) => sum + invoice.openMinor, 0n),
      customer.currency,
    ),
  };
}
