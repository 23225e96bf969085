import { sql } from 'drizzle-orm';
import { documentNumberSeries } from '../db/schema.js';
import type { Transaction } from '../db/records/transaction.js';

/**
 * The next quote number of the year (Q-2026-000001). Run it inside the transaction that stores the
 * quote: the counter row's lock serialises concurrent creators and a rollback gives the number back.
 */
export async function nextQuoteNumber(tx: Transaction, year: number): Promise<string> {
  const [row] = await tx
    .insert(documentNumberSeries)
    .values({ series: 'Q', year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentNumberSeries.series, documentNumberSeries.year],
      set: { lastNumber: sql`${documentNumberSeries.lastNumber} + 1` },
    })
    .returning({ lastNumber: documentNumberSeries.lastNumber });
  if (!row) throw new Error(`quote number series for ${year} returned no row`);
  return `Q-${year}-${String(row.lastNumber).padStart(6, '0')}`;
}
