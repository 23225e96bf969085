// Reading the payment terms that date an invoice: the customer's own, else the company default.
import { eq } from 'drizzle-orm';
import type { IsoDate } from '../../billing/calendar.js';
import { DEFAULT_PAYMENT_TERMS_DAYS, dueDateFor, effectiveTermsDays } from '../../billing/payments/payment-terms.js';
import type { Database } from '../client.js';
import { billingSettings, customers } from '../schema.js';
import type { Transaction } from './transaction.js';

/** The company default; the migration stores the row, the constant covers a database without it. */
export async function defaultPaymentTermsDays(db: Database | Transaction): Promise<number> {
  const [row] = await db.select({ days: billingSettings.defaultPaymentTermsDays }).from(billingSettings).where(eq(billingSettings.id, 1));
  return row?.days ?? DEFAULT_PAYMENT_TERMS_DAYS;
}

export async function customerTermsDays(db: Database | Transaction, customerId: string): Promise<number> {
  const [row] = await db.select({ days: customers.paymentTermsDays }).from(customers).where(eq(customers.id, customerId));
  if (!row) throw new Error(`customer ${customerId} not found`);
  return effectiveTermsDays(row.days, await defaultPaymentTermsDays(db));
}

/** The due date of a document issued (or reopened) for the customer on `from`. */
export async function customerDueDate(db: Database | Transaction, customerId: string, from: IsoDate): Promise<IsoDate> {
  return dueDateFor(from, await customerTermsDays(db, customerId));
}

export async function setDefaultPaymentTermsDays(db: Database | Transaction, days: number): Promise<void> {
  await db
    .insert(billingSettings)
    .values({ id: 1, defaultPaymentTermsDays: days })
    .onConflictDoUpdate({ target: billingSettings.id, set: { defaultPaymentTermsDays: days, updatedAt: new Date() } });
}
