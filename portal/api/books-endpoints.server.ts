// The books as reports (see endpoints.server.ts): the trial balance and a customer's statement,
// both read from the journal, so they always agree with the ledger. Also their JSON views.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import type { CustomerStatement } from '../../server/services/books/customer-statement.js';
import { statementQuerySchema } from '../../server/services/books/customer-statement.js';
import type { TrialBalance } from '../../server/services/books/trial-balance.js';
import { trialBalanceQuerySchema } from '../../server/services/books/trial-balance.js';
import { ledgerEntryJson, ledgerEntryWire } from '../../server/views/ledger-entry-json.js';
import { isoDate, moneyWire } from '../../server/views/wire-parts.js';
import { customerParams, documented } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';

export const trialBalanceWire = z
  .object({
    asOf: isoDate.meta({ description: 'Entries dated after this day are left out.' }),
    rows: z.array(
      z.object({
        accountCode: z.string(),
        accountName: z.string(),
        accountType: z.string(),
        debits: moneyWire.meta({ description: 'The sum of the debit lines.' }),
        credits: moneyWire.meta({ description: 'The sum of the credit lines, as a positive amount.' }),
        balance: moneyWire.meta({ description: 'Debits minus credits: positive is a debit balance, negative a credit balance.' }),
      }),
    ).meta({ description: 'One per account and currency that has postings, by currency then account code.' }),
    totals: z.array(z.object({ currency: z.string(), debits: moneyWire, credits: moneyWire }))
      .meta({ description: 'One per currency; debits equal credits.' }),
  })
  .meta({ id: 'TrialBalance' });

export const customerStatementWire = z
  .object({
    customerId: z.uuid(),
    currency: z.string(),
    from: isoDate.nullable().meta({ description: "First day of the statement; null when it starts with the customer's first entry." }),
    to: isoDate.meta({ description: 'Last day of the statement, included.' }),
    openingBalance: moneyWire.meta({ description: 'What the customer owed before `from`.' }),
    entries: z.array(ledgerEntryWire).meta({ description: "Every entry on the customer's receivable dated from `from` to `to`, oldest first." }),
    closingBalance: moneyWire.meta({ description: 'What the customer owed at the end of `to`: the opening balance plus every entry.' }),
  })
  .meta({ id: 'CustomerStatement' });

export function trialBalanceView(report: TrialBalance): z.input<typeof trialBalanceWire> {
  return {
    asOf: report.asOf,
    rows: report.rows.map((row) => ({ ...row, debits: toWire(row.debits), credits: toWire(row.credits), balance: toWire(row.balance) })),
    totals: report.totals.map((total) => ({ currency: total.currency, debits: toWire(total.debits), credits: toWire(total.credits) })),
  };
}

export function customerStatementView(statement: CustomerStatement): z.input<typeof customerStatementWire> {
  return {
    ...statement,
    openingBalance: toWire(statement.openingBalance),
    entries: statement.entries.map(ledgerEntryJson),
    closingBalance: toWire(statement.closingBalance),
  };
}

export const booksEndpoints = {
  trialBalance: defineEndpoint({
    id: 'trialBalance',
    method: 'GET',
    path: '/api/v1/trial-balance',
    tag: 'Ledger',
    summary: "Every account's debits, credits and balance, per currency",
    description: 'Read from the journal lines of every entry dated on or before `asOf`; the debits and credits of each currency are equal.',
    authenticated: true,
    query: documented(trialBalanceQuerySchema, { asOf: { description: 'Leave out entries dated after this day (YYYY-MM-DD); default today.' } }),
    response: trialBalanceWire,
    successStatus: 200,
  }),
  customerStatement: defineEndpoint({
    id: 'customerStatement',
    method: 'GET',
    path: '/api/v1/customers/{customerId}/statement',
    tag: 'Ledger',
    summary: "A customer's statement: opening balance, every entry, closing balance",
    description: "Cut from the customer's ledger, in the customer's currency; the closing balance is what the ledger says they owed at the end of `to`.",
    authenticated: true,
    params: customerParams,
    query: statementQuerySchema,
    response: customerStatementWire,
    successStatus: 200,
  }),
};
