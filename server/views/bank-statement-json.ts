// A bank statement import as JSON: the one shape the REST API answers with and `uplink
// bank-statements import --json` prints, and its preview rows. The parts every import shares
// (layout, status) come from import-json.ts.
import { z } from 'zod';
import { toWire } from '../../billing/money.js';
import { DATE_FORMATS } from '../services/imports/import-mapping.js';
import type { StatementDetails } from '../services/bank-statements/statement-details.js';
import type { StatementRowView } from '../services/bank-statements/statement-rows.js';
import { importLayoutJson, importLayoutWire, importStatusWire } from './import-json.js';
import { id, isoDate, moneyWire, timestamp } from './wire-parts.js';

export const bankStatementMappingWire = z
  .object({
    dateColumn: z.string().meta({ description: 'Column of booking dates.' }),
    dateFormat: z.enum(DATE_FORMATS).optional().meta({ description: 'How the date column is written; detected when left out.' }),
    amountColumn: z.string().meta({
      description: 'Column of amounts: money in positive, money out negative (-12.50, 12.50- or (12.50)); thousands separators are read. Money out is skipped.',
    }),
    decimalSeparator: z.enum(['.', ',']).optional().meta({ description: 'Detected when left out.' }),
    directionColumn: z.string().optional().meta({ description: 'Column saying credit or debit (C/D, CR/DR, CRDT/DBIT, H/S), for amounts without a sign.' }),
    currencyColumn: z.string().optional().meta({ description: 'Column of ISO currency codes; or `currency`.' }),
    currency: z.string().optional().meta({ description: 'One ISO currency code for every row; or `currencyColumn`.' }),
    referenceColumn: z.string().meta({ description: 'Column of what the payer wrote: an invoice number (INV-2026-000123) or customer reference (CUST-1A2B3C4D) found there matches the transfer.' }),
    transactionIdColumn: z
      .string()
      .optional()
      .meta({ description: "Column of the bank's transaction ids: a transfer with one is recorded once however many statements list it." }),
    payerColumn: z.string().optional().meta({ description: "Column of the payer's name, shown to staff for unmatched transfers." }),
  })
  .meta({ description: 'Which column of the statement means what; columns are named by header (or "Column 1", ... without one).' });

export const bankStatementWire = z
  .object({
    id,
    source: z.string().meta({ description: 'The bank account the statement is from; its mapping is saved under this name.' }),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx', 'json']),
    byteSize: z.int(),
    status: importStatusWire,
    layout: importLayoutWire.nullable(),
    mapping: bankStatementMappingWire.nullable().meta({ description: 'The mapping the statement was validated with.' }),
    offeredMapping: bankStatementMappingWire.partial().meta({ description: "What to map with: the statement's own, the account's saved mapping, or a guess from the header." }),
    offeredFrom: z.enum(['import', 'saved', 'suggested']),
    dateDetection: z
      .object({ format: z.enum(DATE_FORMATS), ambiguous: z.boolean(), candidates: z.array(z.enum(DATE_FORMATS)) })
      .nullable()
      .meta({ description: 'How the date column’s sample dates read; `ambiguous` asks for an explicit dateFormat.' }),
    counts: z
      .object({
        total: z.int(),
        toRecord: z.int().meta({ description: 'Transfers in that the commit records (or recorded).' }),
        byInvoice: z.int().meta({ description: 'Of those, matched by an invoice number.' }),
        byCustomer: z.int().meta({ description: 'Of those, matched by a customer reference.' }),
        unmatched: z.int().meta({ description: 'Of those, matched to nobody: booked to unallocated receipts for staff to assign.' }),
        debit: z.int().meta({ description: 'Money going out: skipped.' }),
        duplicate: z.int().meta({ description: 'Transfers already recorded (an overlapping statement) or listed twice: skipped.' }),
        invalid: z.int(),
        recorded: z.int().meta({ description: 'Recorded as payments by this statement’s commit so far.' }),
      })
      .meta({ id: 'BankStatementCounts' }),
    progress: z.object({ processedRows: z.int(), expectedRows: z.int().nullable() }),
    commitMode: z.enum(['all_or_nothing', 'valid_only']).nullable(),
    failureReason: z.string().nullable(),
    createdAt: timestamp,
    committedAt: timestamp.nullable(),
  })
  .meta({ id: 'BankStatement' });

export const statementRowWire = z
  .object({
    line: z.int().meta({ description: 'Line (CSV), row (XLSX) or position (JSON) in the file.' }),
    bookedOn: isoDate.nullable(),
    amount: moneyWire.nullable().meta({ description: 'Always positive; outcome `debit` says the money went out.' }),
    reference: z.string(),
    transactionId: z.string().nullable(),
    payerName: z.string().nullable(),
    outcome: z.enum(['record', 'recorded', 'debit', 'duplicate', 'invalid']).meta({
      description: '`record`: the commit records it; `recorded`: it did; `debit`: money going out, skipped; `duplicate`: already recorded or listed twice, skipped; `invalid`: see `error`.',
    }),
    match: z
      .object({
        kind: z.enum(['invoice', 'customer', 'unmatched']),
        customer: z.object({ id, name: z.string() }).nullable(),
        invoice: z.object({ id, number: z.string() }).nullable().meta({ description: 'The invoice the money pays first.' }),
        note: z.string().nullable().meta({ description: 'The invoice number or customer reference found, or why nothing matched.' }),
      })
      .nullable(),
    review: z.string().nullable().meta({ description: 'Why the payment waits for staff (unmatched, another currency); null when it pays at once.' }),
    skipReason: z.string().nullable(),
    error: z.object({ column: z.string().nullable(), reason: z.string() }).nullable(),
    payment: z
      .object({
        id,
        number: z.string(),
        customerId: id.nullable(),
        awaitingAssignment: z.boolean().meta({ description: 'True while it waits in unallocated receipts: assign it with POST /api/v1/payments/{paymentId}/assign.' }),
      })
      .nullable(),
  })
  .meta({ id: 'BankStatementRow' });

export function bankStatementJson(details: StatementDetails): z.input<typeof bankStatementWire> {
  const statement = details.import;
  return {
    id: statement.id,
    source: statement.source,
    fileName: statement.fileName,
    format: statement.format,
    byteSize: statement.byteSize,
    status: statement.status,
    layout: statement.layout ? importLayoutJson(statement.layout) : null,
    mapping: statement.mapping,
    offeredMapping: details.offeredMapping,
    offeredFrom: details.offeredFrom,
    dateDetection: details.dateDetection,
    counts: {
      total: details.counts.total,
      toRecord: details.counts.toRecord,
      byInvoice: details.counts.byInvoice,
      byCustomer: details.counts.byCustomer,
      unmatched: details.counts.unmatched,
      debit: details.counts.debit,
      duplicate: details.counts.duplicate,
      invalid: details.counts.invalid,
      recorded: details.counts.recorded,
    },
    progress: { processedRows: statement.processedRows, expectedRows: expectedRows(details) },
    commitMode: statement.commitMode,
    failureReason: statement.failureReason,
    createdAt: statement.createdAt.toISOString(),
    committedAt: statement.committedAt?.toISOString() ?? null,
  };
}

function expectedRows({ import: statement }: StatementDetails): number | null {
  if (statement.status === 'committing' || statement.status === 'committed') return statement.validRows;
  if (statement.totalRows > 0) return statement.totalRows;
  return statement.layout?.estimatedRows ?? null;
}

export function statementRowJson(row: StatementRowView): z.input<typeof statementRowWire> {
  return { ...row, amount: row.amount ? toWire(row.amount) : null };
}
