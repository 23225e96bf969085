// The bank statement endpoints of the registry (see endpoints.server.ts): upload, mapping, the
// preview's rows, commit, and assigning a payment that waits in unallocated receipts. The same
// steps as the readings import, on an import of kind bank_statement.
import { z } from 'zod';
import { statementRowQuerySchema } from '../../server/services/bank-statements/statement-rows.js';
import { commitModeSchema } from '../../server/services/imports/import-commit.js';
import { paymentAssignmentSchema } from '../../server/services/payments/assign-payment.js';
import { bankStatementMappingWire, bankStatementWire, statementRowWire } from '../../server/views/bank-statement-json.js';
import { paymentDocumentWire } from '../../server/views/payment-json.js';
import { describeBytes, IMPORT_UPLOAD_BYTES } from '../body-limits.server.js';
import { documented, pageQuery, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';
import { pageOf } from './wire-schemas.server.js';

const statementParams = z.object({ statementId: uuidParam('a bank statement') });

const statementUploadWire = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'The statement: CSV, XLSX or JSON, as the bank exports it.' }),
    source: z.string().meta({ description: 'The bank account it is from; its mapping is saved under this name for the next statement.' }),
    mapping: z.string().optional().meta({ description: 'The mapping as JSON (a BankStatementMapping); when given, the statement is validated at once.' }),
    options: z
      .string()
      .optional()
      .meta({ description: 'JSON: how to read the file when detection would guess wrong: {format, delimiter, hasHeader, encoding, sheet}.' }),
  })
  .meta({ id: 'BankStatementUpload' });

const rowQuery = documented(statementRowQuerySchema, {
  limit: { description: 'Items per page, 1 to 100.' },
  cursor: { description: '`nextCursor` of the previous page.' },
  show: {
    description:
      '`all` (default); `record`: the transfers the commit records or recorded; `unmatched`: those no customer matched; `skipped`: money going out ' +
      'and duplicates; `invalid`: the rows refused.',
  },
});

export const bankStatementCommitWire = z
  .object({
    recorded: z.int().meta({ description: 'Transfers recorded as payments.' }),
    duplicates: z.int().meta({ description: 'Transfers already recorded (or listed twice): skipped.' }),
    skipped: z.int().meta({ description: 'Money going out: skipped.' }),
    rejected: z.int().meta({ description: 'Invalid rows not recorded (valid_only).' }),
    statement: bankStatementWire,
  })
  .meta({ id: 'BankStatementCommitResult' });

export const paymentAssignmentWire = z
  .object({
    alreadyAssigned: z.boolean().meta({ description: 'True when the payment was already this customer’s: nothing new was booked.' }),
    payment: paymentDocumentWire,
  })
  .meta({ id: 'PaymentAssignment' });

export const bankStatementEndpoints = {
  listBankStatements: defineEndpoint({
    id: 'listBankStatements',
    method: 'GET',
    path: '/api/v1/bank-statements',
    tag: 'Bank statements',
    summary: 'List bank statement imports, newest first',
    authenticated: true,
    query: pageQuery,
    response: pageOf(bankStatementWire),
    successStatus: 200,
  }),
  createBankStatement: defineEndpoint({
    id: 'createBankStatement',
    method: 'POST',
    path: '/api/v1/bank-statements',
    tag: 'Bank statements',
    summary: 'Upload a bank statement (CSV, XLSX or JSON)',
    description:
      'Send `multipart/form-data` with the file and its source (the bank account). Answers 201 with the detected layout and the mapping to offer ' +
      '(the account’s saved one, or a guess from the header). With `mapping`, the statement is validated at once; a refused `mapping` answers ' +
      '422 naming the fields and keeps nothing. Nothing is recorded as a payment until ' +
      `\`POST /api/v1/bank-statements/{statementId}/commit\`. The body may be up to ${describeBytes(IMPORT_UPLOAD_BYTES)}.`,
    authenticated: true,
    maxBodyBytes: IMPORT_UPLOAD_BYTES,
    body: statementUploadWire,
    bodyEncoding: 'multipart',
    response: bankStatementWire,
    successStatus: 201,
  }),
  getBankStatement: defineEndpoint({
    id: 'getBankStatement',
    method: 'GET',
    path: '/api/v1/bank-statements/{statementId}',
    tag: 'Bank statements',
    summary: 'Get a bank statement: its status, the preview’s counts and progress',
    authenticated: true,
    params: statementParams,
    response: bankStatementWire,
    successStatus: 200,
  }),
  setBankStatementMapping: defineEndpoint({
    id: 'setBankStatementMapping',
    method: 'PUT',
    path: '/api/v1/bank-statements/{statementId}/mapping',
    tag: 'Bank statements',
    summary: 'Map the columns, match every transfer and preview what the commit does',
    description:
      'Reads every row (date, amount, currency), skips money going out, matches each transfer in by the invoice number (INV-2026-000123, also ' +
      'without dashes or in lower case) or else the customer reference (CUST- and the first eight characters of the customer id) in its ' +
      'reference, and marks transfers already recorded (an overlapping statement) as duplicates. `GET .../rows` lists each row’s outcome. ' +
      'The mapping is saved for the account’s next statement. Refused with 422 (`status`) while the statement is being validated or committed, ' +
      'or once its commit has recorded transfers.',
    authenticated: true,
    params: statementParams,
    body: bankStatementMappingWire.strict().meta({ description: bankStatementMappingWire.description }),
    response: bankStatementWire,
    successStatus: 200,
  }),
  listBankStatementRows: defineEndpoint({
    id: 'listBankStatementRows',
    method: 'GET',
    path: '/api/v1/bank-statements/{statementId}/rows',
    tag: 'Bank statements',
    summary: 'The preview: each row’s outcome and match, in file order',
    authenticated: true,
    params: statementParams,
    query: rowQuery,
    response: pageOf(statementRowWire),
    successStatus: 200,
  }),
  commitBankStatement: defineEndpoint({
    id: 'commitBankStatement',
    method: 'POST',
    path: '/api/v1/bank-statements/{statementId}/commit',
    tag: 'Bank statements',
    summary: 'Record every transfer in as a payment',
    description:
      'Each transfer becomes a bank transfer payment: a matched one pays its customer’s invoices (the invoice it names first), an unmatched one ' +
      'is booked to unallocated receipts and waits for `POST /api/v1/payments/{paymentId}/assign`. A transfer is recorded once however many ' +
      'statements list it: by the bank’s transaction id, or else by its date, amount, currency, reference and place among identical transfers ' +
      'of the file. `all_or_nothing` (the default) is refused with 422 while any row is invalid; `valid_only` records the valid rows. A commit ' +
      'that stops half-way keeps what it recorded and says so in `failureReason`; committing again records the rest. Committing a committed ' +
      'statement answers the same and records nothing more.',
    authenticated: true,
    params: statementParams,
    body: z.object({ mode: commitModeSchema.optional() }).strict(),
    response: bankStatementCommitWire,
    successStatus: 200,
  }),
  assignPayment: defineEndpoint({
    id: 'assignPayment',
    method: 'POST',
    path: '/api/v1/payments/{paymentId}/assign',
    tag: 'Payments',
    summary: 'Give a payment waiting in unallocated receipts to a customer',
    description:
      'For money no customer matched (or in a currency the matched customer is not billed in): it pays the customer’s open invoices, `invoiceId` ' +
      'first, then the oldest due, and the rest is their credit. Asking again for the same customer answers the same with `alreadyAssigned` and ' +
      'books nothing; a payment already on another customer’s account, or a customer billed in another currency, is refused with 409.',
    authenticated: true,
    params: z.object({ paymentId: uuidParam('a payment') }),
    body: documented(paymentAssignmentSchema, {
      customerId: { description: 'The customer the money is from.' },
      invoiceId: { description: 'The customer’s invoice it pays first.' },
    }),
    response: paymentAssignmentWire,
    successStatus: 200,
    conflicts: true,
  }),
};
