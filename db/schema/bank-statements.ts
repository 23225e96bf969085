// Bank statements being imported: every row after mapping, matching and checking, waiting for
// the commit that records each transfer in as a payment. The import itself is a reading_imports
// row of kind 'bank_statement' (reading-imports.ts): same upload, chunks, claims and progress.
import { bigint, date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { payments } from './payments.js';
import { readingImports } from './reading-imports.js';

export const BANK_ROW_MATCHES = ['invoice', 'customer', 'unmatched'] as const;
export const BANK_ROW_SKIPS = ['debit', 'duplicate'] as const;

export const bankStatementRows = pgTable(
  'bank_statement_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => readingImports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    bookedOn: date('booked_on', { mode: 'string' }),
    /** Always positive; `skip = 'debit'` says the money went out. */
    amountMinor: bigint('amount_minor', { mode: 'bigint' }),
    currency: text('currency'),
    reference: text('reference'),
    transactionId: text('transaction_id'),
    payerName: text('payer_name'),
    /** The payment this row is, however many statements list it (billing/payments/bank-transfers.ts). */
    sourceKey: text('source_key'),
    match: text('match', { enum: BANK_ROW_MATCHES }),
    /** Matched: the customer the money is from, and the invoice it pays first (an invoice number). */
    customerId: uuid('customer_id'),
    invoiceId: uuid('invoice_id'),
    /** What the matcher found or missed, in words: "INV-2026-000123", "no invoice number or customer reference". */
    matchNote: text('match_note'),
    /** Why the payment will wait for staff (unmatched, another currency): its needs_review. */
    review: text('review'),
    /** Rows not recorded by design: money going out, or a transfer already recorded (or repeated in the file). */
    skip: text('skip', { enum: BANK_ROW_SKIPS }),
    skipReason: text('skip_reason'),
    /** The row as it was in the file. */
    raw: text('raw').notNull(),
    errorColumn: text('error_column'),
    errorReason: text('error_reason'),
    /** Set by the commit, in the transaction that recorded the payment: a resumed commit skips the row. */
    paymentId: uuid('payment_id').references(() => payments.id),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] }), index('bank_statement_rows_payment').on(t.paymentId)],
);
