// Gapless document numbers: one counter row per series and year in document_number_series, bumped
// inside the transaction that stores the document.
import { sql } from 'drizzle-orm';
import { documentNumber, type DocumentSeries } from '../../billing/document-numbers.js';
import { documentNumberSeries } from '../schema.js';
import type { Transaction } from './transaction.js';

/**
 * The next number of the series for the year. Take it inside the transaction that stores the
 * document, and as late in it as possible: the counter row stays locked until commit, which
 * serialises concurrent issuers, and a rollback gives the number back, so none is skipped or
 * used twice.
 */
export async function nextDocumentNumber(tx: Transaction, series: DocumentSeries, year: number): Promise<string> {
  const [row] = await tx
    .insert(documentNumberSeries)
    .values({ series, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentNumberSeries.series, documentNumberSeries.year],
      set: { lastNumber: sql`${documentNumberSeries.lastNumber} + 1` },
    })
    .returning({ lastNumber: documentNumberSeries.lastNumber });
  if (!row) throw new Error(`number series ${series} for ${year} returned no row`);
  return documentNumber(series, year, row.lastNumber);
}

export const nextInvoiceNumber = (tx: Transaction, year: number) => nextDocumentNumber(tx, 'INV', year);
export const nextCreditNoteNumber = (tx: Transaction, year: number) => nextDocumentNumber(tx, 'CN', year);
export const nextQuoteNumber = (tx: Transaction, year: number) => nextDocumentNumber(tx, 'Q', year);
