// The preview of a bank statement, row by row in file order: what the commit does with each
// (records it, matched to a customer and invoice or unmatched; skips money going out and
// transfers already recorded; refuses an invalid row, saying why), and after the commit the
// payment each became, and whether it still waits for staff to assign it.
import { and, asc, eq, gt, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { money, type Money } from '../../../billing/money.js';
import { awaitsAssignment } from '../../../billing/payments/payment-assignment.js';
import { bankStatementRows, customers, invoices, payments } from '../../../db/schema.js';
import type { ServiceContext } from '../context.js';
import { decodeCursor, encodeCursor, pageQuerySchema, type Page } from '../pagination.js';
import { getImportOfKind } from '../imports/import-records.js';

export const STATEMENT_ROW_FILTERS = ['all', 'record', 'unmatched', 'skipped', 'invalid'] as const;

export const statementRowQuerySchema = pageQuerySchema.extend({
  /** `record`: the transfers the commit records (or recorded); `unmatched`: those of them no customer matched; `skipped`: money going out and duplicates; `invalid`: refused rows. */
  show: z.enum(STATEMENT_ROW_FILTERS, `must be one of ${STATEMENT_ROW_FILTERS.join(', ')}`).default('all'),
});

export type StatementRowOutcome = 'record' | 'recorded' | 'debit' | 'duplicate' | 'invalid';

export interface StatementRowView {
  line: number;
  bookedOn: string | null;
  amount: Money | null;
  reference: string;
  transactionId: string | null;
  payerName: string | null;
  outcome: StatementRowOutcome;
  match: {
    kind: 'invoice' | 'customer' | 'unmatched';
    customer: { id: string; name: string } | null;
    invoice: { id: string; number: string } | null;
    /** The invoice number or customer reference found, or why nothing matched. */
    note: string | null;
  } | null;
  /** Why the payment waits for staff (unmatched, another currency); null when it pays at once. */
  review: string | null;
  /** Why the row is skipped: money going out, already recorded as PAY-…, the same transaction twice. */
  skipReason: string | null;
  error: { column: string | null; reason: string } | null;
  /** The payment the commit recorded for the row. */
  payment: { id: string; number: string; customerId: string | null; awaitingAssignment: boolean } | null;
}

const LINE_KEY = /^\d{1,10}$/;

export async function listStatementRows(ctx: ServiceContext, id: string, query: z.input<typeof statementRowQuerySchema>): Promise<Page<StatementRowView>> {
  const { limit, cursor, show } = statementRowQuerySchema.parse(query);
  await getImportOfKind(ctx, id, 'bank_statement');
  const after = decodeCursor(cursor, LINE_KEY);
  const rows = await ctx.db
    .select({
      row: bankStatementRows,
      customerName: customers.name,
      invoiceNumber: invoices.number,
      payment: { id: payments.id, number: payments.number, customerId: payments.customerId, needsReview: payments.needsReview },
    })
    .from(bankStatementRows)
    .leftJoin(customers, eq(customers.id, bankStatementRows.customerId))
    .leftJoin(invoices, eq(invoices.id, bankStatementRows.invoiceId))
    .leftJoin(payments, eq(payments.id, bankStatementRows.paymentId))
    .where(and(eq(bankStatementRows.importId, id), gt(bankStatementRows.line, after ? Number(after.key) : 0), filterOf(show)))
    .orderBy(asc(bankStatementRows.line))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor({ key: String(last.row.line), id }) : null,
  };
}

function filterOf(show: (typeof STATEMENT_ROW_FILTERS)[number]): SQL | undefined {
  const recordable = and(isNull(bankStatementRows.errorReason), isNull(bankStatementRows.skip));
  switch (show) {
    case 'all':
      return undefined;
    case 'record':
      return recordable;
    case 'unmatched':
      return and(recordable, eq(bankStatementRows.match, 'unmatched'));
    case 'skipped':
      return isNotNull(bankStatementRows.skip);
    case 'invalid':
      return isNotNull(bankStatementRows.errorReason);
  }
}

type Joined = {
  row: typeof bankStatementRows.$inferSelect;
  customerName: string | null;
  invoiceNumber: string | null;
  payment: { id: string; number: string; customerId: string | null; needsReview: string | null } | null;
};

function view({ row, customerName, invoiceNumber, payment }: Joined): StatementRowView {
  return {
    line: row.line,
    bookedOn: row.bookedOn,
    amount: row.amountMinor !== null && row.currency !== null && /^[A-Z]{3}$/.test(row.currency) ? money(row.amountMinor, row.currency) : null,
    reference: row.reference ?? '',
    transactionId: row.transactionId,
    payerName: row.payerName,
    outcome: outcomeOf(row),
    match: row.match
      ? {
          kind: row.match,
          customer: row.customerId ? { id: row.customerId, name: customerName ?? '' } : null,
          invoice: row.invoiceId ? { id: row.invoiceId, number: invoiceNumber ?? '' } : null,
          note: row.matchNote,
        }
      : null,
    review: row.review,
    skipReason: row.skipReason,
    error: row.errorReason === null ? null : { column: row.errorColumn, reason: row.errorReason },
    payment: payment ? { id: payment.id, number: payment.number, customerId: payment.customerId, awaitingAssignment: awaitsAssignment(payment) } : null,
  };
}

function outcomeOf(row: typeof bankStatementRows.$inferSelect): StatementRowOutcome {
  if (row.errorReason !== null) return 'invalid';
  if (row.skip !== null) return row.skip;
  return row.paymentId === null ? 'record' : 'recorded';
}

/** The payments this statement recorded that still wait for staff to assign them, in file order. */
export async function statementPaymentsAwaitingAssignment(ctx: ServiceContext, id: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(bankStatementRows)
    .innerJoin(payments, eq(payments.id, bankStatementRows.paymentId))
    .where(and(eq(bankStatementRows.importId, id), or(isNull(payments.customerId), isNotNull(payments.needsReview))));
  return row?.n ?? 0;
}
