// Where invoices stand on a business day, for the pages that list or show them: due date and
// terms, payment status, what is still open and how long overdue. Open amounts come from the
// shared balance reading (db/records/invoice-balances.ts); a void invoice has no standing.
import type { IsoDate } from '../../../billing/calendar.js';
import { money, type Money } from '../../../billing/money.js';
import { invoiceStanding, type InvoiceStanding } from '../../../billing/payments/invoice-standing.js';
import { invoiceBalances } from '../../../db/records/invoice-balances.js';
import type { ServiceContext } from '../context.js';

export interface InvoicePaymentStanding extends InvoiceStanding {
  /** What is still to pay, after payments, credit applied and credit notes. */
  open: Money;
}

/**
 * The standing of each invoice that is not void, by id, on `today`: the company's business date
 * (billing/payments/business-date.ts), never a UTC date.
 */
export async function invoiceStandings(ctx: ServiceContext, invoiceIds: readonly string[], today: IsoDate): Promise<Map<string, InvoicePaymentStanding>> {
  const balances = await invoiceBalances(ctx.db, invoiceIds);
  return new Map(balances.map((balance) => [balance.invoiceId, { ...invoiceStanding(balance, today), open: money(balance.openMinor, balance.currency) }]));
}

export async function invoiceStandingOf(ctx: ServiceContext, invoiceId: string, today: IsoDate): Promise<InvoicePaymentStanding | null> {
  return (await invoiceStandings(ctx, [invoiceId], today)).get(invoiceId) ?? null;
}
