import { sql } from 'drizzle-orm';
import type { Transaction } from './transaction.js';
import { invoiceNumberSeries } from '../schema.js';

/**
 * The next number of the year's gapless series. It must run inside the transaction that stores
 * the invoice: the row lock serialises concurrent issuers, and a rolled-back issue gives its
 * number back, so no number is ever skipped or used twice.
 */
export async function nextInvoiceNumber(tx: Transaction, year: number): Promise<string> {
  const [row] = await tx
    .insert(invoiceNumberSeries)
    .values({ year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: invoiceNumberSeries.year,
      set: { lastNumber: sql`${invoiceNumberSeries.lastNumber} + 1` },
    })
    .returning({ lastNumber: invoiceNumberSeries.lastNumber });
  if (!row) throw new Error(`invoice number series for ${year} returned no row`);
  return `INV-${year}-${String(row.lastNumber).padStart(6, '0')}`;
}
