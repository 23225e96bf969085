// Documents are numbered per series and year, without gaps: INV-2026-000001 is the year's first
// invoice, CN-2026-000001 its first credit note, Q-2026-000001 its first quote.

/** The number series: invoices, credit notes, quotes and payment receipts each count on their own, from 1 every year. */
export type DocumentSeries = 'INV' | 'CN' | 'Q' | 'PAY';

/** A document's number from its series, its year and its place in that year's count. */
export function documentNumber(series: DocumentSeries, year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`Year ${year} is outside 1000..9999`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`A series counts from 1; ${sequence} is no place in it`);
  // Six digits keep a year's numbers in issue order when sorted as text, up to the millionth.
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`;
}
