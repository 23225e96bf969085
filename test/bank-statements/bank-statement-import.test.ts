// Bank statements through the services the portal, API and CLI share, on real Postgres: a
// statement whose transfers are matched by invoice number (as written, without dashes, in lower
// case) and by customer reference, are unmatched or go out; the preview says which before
// anything is booked; the commit books each once (two identical transfers are two payments,
// a statement overlapping an earlier one records nothing twice); an unmatched payment assigned
// later pays its invoice; a commit that stops half-way goes on from there; and the trial balance
// stays balanced throughout.
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerReference } from '../../billing/payments/bank-matching.js';
import { bankStatementRows, journalEntries, paymentAllocations, payments, readingImports } from '../../db/schema.js';
import { commitStatement } from '../../server/services/bank-statements/statement-commit.js';
import { getStatementDetails } from '../../server/services/bank-statements/statement-details.js';
import { listStatementRows, type StatementRowView } from '../../server/services/bank-statements/statement-rows.js';
import { uploadStatement } from '../../server/services/bank-statements/statement-upload.js';
import { validateStatement } from '../../server/services/bank-statements/statement-validate.js';
import type { ServiceContext } from '../../server/services/context.js';
import type { ValidationError } from '../../server/services/errors.js';
import { ConflictError, NotFoundError } from '../../server/services/errors.js';
import { isStalled } from '../../server/services/imports/import-claim.js';
import { getImport } from '../../server/services/imports/import-records.js';
import { assignPaymentToCustomer } from '../../server/services/payments/assign-payment.js';
import { bytesOf } from '../imports/import-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { accountBalance, expectBooksBalance, issueInvoice, newCustomer, openOn, paymentCount, statementContext } from './statement-fixtures.js';

let database: TestDatabase;
let ctx: ServiceContext;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = statementContext(database.handle.db);
});
afterAll(() => database?.dispose());

const MAPPING = {
  dateColumn: 'Booking date',
  amountColumn: 'Amount',
  currencyColumn: 'Currency',
  referenceColumn: 'Reference',
  transactionIdColumn: 'Transaction ID',
  payerColumn: 'Payer',
};

const csv = (rows: string[][]) => ['Booking date;Amount;Currency;Reference;Transaction ID;Payer', ...rows.map((row) => row.join(';'))].join('\n') + '\n';

async function importStatement(text: string | Uint8Array, fileName = 'statement.csv', mapping: Record<string, string> = MAPPING) {
  const uploaded = await uploadStatement(ctx, { fileName, source: 'main-account', bytes: bytesOf(text) });
  return validateStatement(ctx, uploaded.id, { mapping });
}

async function allRows(id: string): Promise<StatementRowView[]> {
  const rows: StatementRowView[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await listStatementRows(ctx, id, { limit: 100, cursor });
    rows.push(...page.items);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
}

async function paymentOf(id: string) {
  const [payment] = await ctx.db.select().from(payments).where(eq(payments.id, id));
  return payment!;
}

describe('a statement of matched, unmatched and outgoing transfers', () => {
  let ada: Awaited<ReturnType<typeof newCustomer>>;
  let grace: Awaited<ReturnType<typeof newCustomer>>;
  let linus: Awaited<ReturnType<typeof newCustomer>>;
  let adaMarch: { id: string; number: string };
  let adaApril: { id: string; number: string };
  let graceMarch: { id: string; number: string };
  let linusMarch: { id: string; number: string };
  let statementId: string;

  beforeAll(async () => {
    ada = await newCustomer(ctx.db, 'Ada Lovelace');
    grace = await newCustomer(ctx.db, 'Grace Hopper');
    linus = await newCustomer(ctx.db, 'Linus Torvalds');
    adaMarch = await issueInvoice(ctx.db, ada.id, 5900n, '2026-03-01');
    adaApril = await issueInvoice(ctx.db, ada.id, 5900n, '2026-04-01');
    graceMarch = await issueInvoice(ctx.db, grace.id, 123_456n, '2026-03-01');
    linusMarch = await issueInvoice(ctx.db, linus.id, 2500n, '2026-03-01');
  });

  const statement = () =>
    csv([
      ['2026-04-02', '59.00', 'EUR', `Invoice ${adaApril.number}`, 'TX-1001', 'Ada Lovelace'],
      ['2026-04-02', '"1,234.56"', 'EUR', graceMarch.number.replaceAll('-', '').toLowerCase(), 'TX-1002', 'G. Hopper'],
      ['2026-04-03', '25.00', 'EUR', `monthly ${customerReference(linus.id).toLowerCase()}`, '', 'Linus Torvalds'],
      ['2026-04-03', '-1,250.00', 'EUR', 'Office rent April', 'TX-1004', 'Landlord Ltd'],
      ['2026-04-04', '80.00', 'EUR', 'birthday present', '', 'Charles Babbage'],
      ['2026-04-05', '10.00', 'EUR', 'Donation', '', 'Anonymous'],
      ['2026-04-05', '10.00', 'EUR', 'donation ', '', 'Anonymous'],
    ]);

  it('previews each row’s match, and the rows it skips, before anything is booked', async () => {
    const before = await paymentCount(ctx.db);
    const validated = await importStatement(statement());
    statementId = validated.id;
    expect(validated).toMatchObject({ kind: 'bank_statement', status: 'validated', totalRows: 7, validRows: 6, invalidRows: 0, skippedRows: 1, duplicateRows: 0 });
    const details = await getStatementDetails(ctx, statementId);
    expect(details.counts).toMatchObject({ byInvoice: 2, byCustomer: 1, unmatched: 3, debit: 1, duplicate: 0, recorded: 0 });
    expect(details.import.mapping).toMatchObject({ ...MAPPING, dateFormat: 'iso', decimalSeparator: '.' });

    const rows = await allRows(statementId);
    expect(rows.map((row) => [row.line, row.outcome, row.match?.kind ?? null, row.match?.customer?.name ?? null, row.match?.invoice?.number ?? null])).toEqual([
      [2, 'record', 'invoice', 'Ada Lovelace', adaApril.number],
      [3, 'record', 'invoice', 'Grace Hopper', graceMarch.number],
      [4, 'record', 'customer', 'Linus Torvalds', null],
      [5, 'debit', null, null, null],
      [6, 'record', 'unmatched', null, null],
      [7, 'record', 'unmatched', null, null],
      [8, 'record', 'unmatched', null, null],
    ]);
    expect(rows[1]!.amount).toEqual({ amountMinor: 123_456n, currency: 'EUR' });
    expect(rows[3]).toMatchObject({ amount: { amountMinor: 125_000n }, skipReason: 'money going out' });
    expect(rows[4]!.review).toBe('Unmatched bank transfer from Charles Babbage: the reference names no invoice number or customer reference');
    expect(await paymentCount(ctx.db)).toBe(before);
  });

  it('books every transfer in once: matched ones pay their invoices, unmatched ones wait in unallocated receipts', async () => {
    const committed = await commitStatement(ctx, statementId, { recordedBy: 'staff:test@uplink.test' });
    expect(committed).toMatchObject({ status: 'committed', acceptedRows: 6, duplicateRows: 0, skippedRows: 1 });

    // Ada named April's invoice: it is paid first, and March stays open.
    expect(await openOn(ctx.db, adaApril.id)).toBe(0n);
    expect(await openOn(ctx.db, adaMarch.id)).toBe(5900n);
    expect(await openOn(ctx.db, graceMarch.id)).toBe(0n);
    expect(await openOn(ctx.db, linusMarch.id)).toBe(0n);

    const rows = await allRows(statementId);
    expect(rows.filter((row) => row.outcome === 'recorded')).toHaveLength(6);
    const unmatched = rows.filter((row) => row.match?.kind === 'unmatched');
    for (const row of unmatched) {
      const payment = await paymentOf(row.payment!.id);
      expect(payment).toMatchObject({ customerId: null, method: 'bank_transfer', recordedBy: 'staff:test@uplink.test' });
      expect(payment.needsReview).toMatch(/^Unmatched bank transfer from /);
      expect(row.payment!.awaitingAssignment).toBe(true);
    }
    // The two identical donations are two payments.
    expect(new Set(unmatched.map((row) => row.payment!.number)).size).toBe(3);
    const adaPayment = await paymentOf(rows[0]!.payment!.id);
    expect(adaPayment).toMatchObject({ customerId: ada.id, sourceKey: 'bank:TX-1001', amountMinor: 5900n, receivedOn: '2026-04-02', reference: `Invoice ${adaApril.number}` });
    expect((await paymentOf(rows[2]!.payment!.id)).sourceKey).toBe(`bank:2026-04-03:25.00:EUR:monthly ${customerReference(linus.id).toLowerCase()}:1`);

    expect(await accountBalance(ctx.db, '2300')).toBe(-10_000n);
    await expectBooksBalance(ctx, expect);
  });

  it('committing again answers the same and books nothing more', async () => {
    const count = await paymentCount(ctx.db);
    const again = await commitStatement(ctx, statementId);
    expect(again).toMatchObject({ status: 'committed', acceptedRows: 6 });
    expect(await paymentCount(ctx.db)).toBe(count);
  });

  it('an overlapping statement records only what is new, and names the payments the rest already are', async () => {
    const count = await paymentCount(ctx.db);
    const overlapping = csv([
      ['2026-04-02', '59.00', 'EUR', `Invoice ${adaApril.number}`, 'TX-1001', 'Ada Lovelace'],
      ['2026-04-03', '25.00', 'EUR', `MONTHLY  ${customerReference(linus.id)}`, '', 'Linus Torvalds'],
      ['2026-04-05', '10.00', 'EUR', 'Donation', '', 'Anonymous'],
      ['2026-04-05', '10.00', 'EUR', 'Donation', '', 'Anonymous'],
      ['2026-04-06', '59.00', 'EUR', adaMarch.number, 'TX-1009', 'Ada Lovelace'],
      ['2026-04-06', '59.00', 'EUR', adaMarch.number, 'TX-1009', 'Ada Lovelace'],
    ]);
    const validated = await importStatement(overlapping, 'april-and-more.csv');
    expect(validated).toMatchObject({ totalRows: 6, validRows: 1, duplicateRows: 5 });
    const rows = await allRows(validated.id);
    expect(rows.map((row) => [row.outcome, row.skipReason?.replace(/PAY-\d{4}-\d{6}/, 'PAY-…') ?? null])).toEqual([
      ['duplicate', 'already recorded as PAY-…'],
      ['duplicate', 'already recorded as PAY-…'],
      ['duplicate', 'already recorded as PAY-…'],
      ['duplicate', 'already recorded as PAY-…'],
      ['record', null],
      ['duplicate', 'line 6 has the same bank transaction id'],
    ]);

    const committed = await commitStatement(ctx, validated.id);
    expect(committed).toMatchObject({ acceptedRows: 1, duplicateRows: 5 });
    expect(await paymentCount(ctx.db)).toBe(count + 1);
    expect(await openOn(ctx.db, adaMarch.id)).toBe(0n);
    await expectBooksBalance(ctx, expect);
  });

  it('an unmatched payment assigned later pays the invoice staff name, once however often it is asked', async () => {
    const bertha = await newCustomer(ctx.db, 'Charles Babbage');
    const older = await issueInvoice(ctx.db, bertha.id, 3000n, '2026-02-01');
    const named = await issueInvoice(ctx.db, bertha.id, 8000n, '2026-03-15');
    const row = (await allRows(statementId)).find((candidate) => candidate.payerName === 'Charles Babbage')!;
    const paymentId = row.payment!.id;
    const receipts = await accountBalance(ctx.db, '2300');

    const assigned = await assignPaymentToCustomer(ctx, paymentId, { customerId: bertha.id, invoiceId: named.id }, { timeZone: 'Europe/Berlin' });
    expect(assigned).toMatchObject({ customerId: bertha.id, alreadyAssigned: false, credit: { amountMinor: 0n } });
    expect(assigned.allocations).toEqual([{ invoiceId: named.id, invoiceNumber: named.number, amountMinor: 8000n }]);
    expect(await openOn(ctx.db, named.id)).toBe(0n);
    expect(await openOn(ctx.db, older.id)).toBe(3000n);
    expect(await accountBalance(ctx.db, '2300')).toBe(receipts + 8000n);
    expect(await paymentOf(paymentId)).toMatchObject({ customerId: bertha.id, needsReview: null });
    expect((await listStatementRows(ctx, statementId, { show: 'unmatched' })).items.find((r) => r.line === row.line)!.payment).toMatchObject({
      awaitingAssignment: false,
    });

    const entries = async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(journalEntries))[0]!.n;
    const before = await entries();
    const again = await assignPaymentToCustomer(ctx, paymentId, { customerId: bertha.id, invoiceId: named.id }, { timeZone: 'Europe/Berlin' });
    expect(again).toMatchObject({ alreadyAssigned: true, allocations: assigned.allocations });
    expect(await entries()).toBe(before);
    const allocations = await ctx.db.select().from(paymentAllocations).where(eq(paymentAllocations.paymentId, paymentId));
    expect(allocations).toHaveLength(1);

    await expect(assignPaymentToCustomer(ctx, paymentId, { customerId: ada.id }, { timeZone: 'UTC' })).rejects.toThrow(ConflictError);
    await expectBooksBalance(ctx, expect);
  });

  it('refuses an assignment naming another customer’s invoice, a customer billed in another currency, or no payment', async () => {
    const row = (await allRows(statementId)).find((candidate) => candidate.payerName === 'Anonymous')!;
    const refusal = await assignPaymentToCustomer(ctx, row.payment!.id, { customerId: grace.id, invoiceId: adaMarch.id }, { timeZone: 'UTC' }).catch((e: unknown) => e);
    expect((refusal as ValidationError).problems).toEqual([{ field: 'invoiceId', message: 'is an invoice of another customer' }]);
    const dollars = await newCustomer(ctx.db, 'Dollar Customer', 'USD');
    await expect(assignPaymentToCustomer(ctx, row.payment!.id, { customerId: dollars.id }, { timeZone: 'UTC' })).rejects.toThrow(
      /is in EUR, but the customer is billed in USD/,
    );
    await expect(assignPaymentToCustomer(ctx, '00000000-0000-4000-8000-000000000000', { customerId: grace.id }, { timeZone: 'UTC' })).rejects.toThrow(NotFoundError);
    // Assigning to a customer without open invoices keeps it all as their credit.
    const credited = await assignPaymentToCustomer(ctx, row.payment!.id, { customerId: grace.id }, { timeZone: 'UTC' });
    expect(credited).toMatchObject({ allocations: [], credit: { amountMinor: 1000n, currency: 'EUR' } });
    expect(await accountBalance(ctx.db, '2100')).toBeLessThanOrEqual(-1000n);
    await expectBooksBalance(ctx, expect);
  });
});

describe('refusals and invalid rows', () => {
  it('lists invalid rows with column and reason, refuses an all-or-nothing commit, and records the valid rows when asked', async () => {
    const before = await paymentCount(ctx.db);
    const validated = await importStatement(
      csv([
        ['2026-05-01', '12.345', 'EUR', 'too precise', 'TX-2001', ''],
        ['2026-05-32', '10.00', 'EUR', 'no such day', 'TX-2002', ''],
        ['2026-05-01', '10.00', 'euro', 'bad currency', 'TX-2003', ''],
        ['2026-05-01', 'ten', 'EUR', 'not a number', 'TX-2004', ''],
        ['2026-05-01', '-5.00', 'euro', 'a debit is skipped even with a bad currency', 'TX-2005', ''],
        ['2026-05-01', '15.00', 'EUR', 'fine', 'TX-2006', ''],
      ]),
      'may.csv',
    );
    expect(validated).toMatchObject({ totalRows: 6, validRows: 1, invalidRows: 4, skippedRows: 1 });
    const invalid = (await listStatementRows(ctx, validated.id, { show: 'invalid' })).items;
    expect(invalid.map((row) => [row.line, row.error])).toEqual([
      [2, { column: 'Amount', reason: '12.345 has more than 2 decimals for EUR' }],
      [3, { column: 'Booking date', reason: expect.stringContaining('2026-05-32') }],
      [4, { column: 'Currency', reason: '"EURO" is not a currency code' }],
      [5, { column: 'Amount', reason: expect.stringContaining("'ten' is not a number") }],
    ]);
    const refused = await commitStatement(ctx, validated.id).catch((e: unknown) => e);
    expect((refused as ValidationError).problems[0]).toMatchObject({ field: 'mode', message: expect.stringContaining('4 of 6 rows are invalid, so nothing was recorded') });
    expect(await paymentCount(ctx.db)).toBe(before);
    expect(await commitStatement(ctx, validated.id, { mode: 'valid_only' })).toMatchObject({ status: 'committed', acceptedRows: 1 });
    expect(await paymentCount(ctx.db)).toBe(before + 1);
  });

  it('refuses a mapping without a currency, or naming a column the file does not have', async () => {
    const uploaded = await uploadStatement(ctx, { fileName: 'nocurrency.csv', source: 'main-account', bytes: bytesOf(csv([])) });
    const { currencyColumn: _ignored, ...withoutCurrency } = MAPPING;
    const missing = await validateStatement(ctx, uploaded.id, { mapping: withoutCurrency }).catch((e: unknown) => e);
    expect((missing as ValidationError).problems).toEqual([{ field: 'mapping.currency', message: 'map a currency column, or give one currency for every row' }]);
    const wrong = await validateStatement(ctx, uploaded.id, { mapping: { ...MAPPING, payerColumn: 'Name' } }).catch((e: unknown) => e);
    expect((wrong as ValidationError).problems).toEqual([{ field: 'mapping.payerColumn', message: expect.stringContaining('the file has no column "Name"') }]);
  });

  it('keeps bank statements and readings imports apart', async () => {
    const validated = await importStatement(csv([['2026-05-02', '1.00', 'EUR', 'x', 'TX-3001', '']]), 'apart.csv');
    await expect(getImport(ctx, validated.id)).rejects.toThrow(NotFoundError);
    await expect(getStatementDetails(ctx, '00000000-0000-4000-8000-000000000000')).rejects.toThrow('bank statement 00000000-0000-4000-8000-000000000000 does not exist');
  });
});

describe('a commit that stops half-way', () => {
  it('keeps what it recorded, says how far it came, and records the rest when committed again', async () => {
    const customer = await newCustomer(ctx.db, 'Resume Customer');
    const invoice = await issueInvoice(ctx.db, customer.id, 4000n, '2026-06-01');
    const rows = Array.from({ length: 6 }, (_, i) => ['2026-06-02', '10.00', 'EUR', invoice.number, `TX-40${i}`, 'Resume Customer']);
    const validated = await importStatement(csv(rows), 'june.csv');
    expect(validated.validRows).toBe(6);
    // The fourth row's customer disappears from under it: the commit fails there.
    await ctx.db
      .update(bankStatementRows)
      .set({ customerId: '00000000-0000-4000-8000-00000000dead', match: 'customer', invoiceId: null })
      .where(sql`${bankStatementRows.importId} = ${validated.id} and ${bankStatementRows.line} = 5`);
    await expect(commitStatement(ctx, validated.id)).rejects.toThrow(/customer 00000000-0000-4000-8000-00000000dead not found/);
    const stopped = await getStatementDetails(ctx, validated.id);
    expect(stopped.import).toMatchObject({ status: 'validated', acceptedRows: 3 });
    expect(stopped.import.failureReason).toMatch(/^the commit stopped after recording 3 of 6 transfers: .*commit again to record the rest \(none is recorded twice\)$/);
    expect(await openOn(ctx.db, invoice.id)).toBe(1000n);
    // A new mapping would not undo the payments: refused until the rest is committed.
    await expect(validateStatement(ctx, validated.id, { mapping: MAPPING })).rejects.toThrow(/3 of this statement's transfers are already recorded/);

    await ctx.db
      .update(bankStatementRows)
      .set({ customerId: customer.id })
      .where(sql`${bankStatementRows.importId} = ${validated.id} and ${bankStatementRows.line} = 5`);
    const count = await paymentCount(ctx.db);
    const committed = await commitStatement(ctx, validated.id);
    expect(committed).toMatchObject({ status: 'committed', acceptedRows: 6, failureReason: null });
    expect(await paymentCount(ctx.db)).toBe(count + 3);
    expect(await openOn(ctx.db, invoice.id)).toBe(0n);
    await expectBooksBalance(ctx, expect);
  });
});

describe('a commit cut off by the end of its process', () => {
  it('is taken up again once nobody runs it, recording only what it had not', async () => {
    const customer = await newCustomer(ctx.db, 'Cut Customer');
    const rows = Array.from({ length: 4 }, (_, i) => ['2026-06-03', '5.00', 'EUR', customerReference(customer.id), `TX-50${i}`, '']);
    const validated = await importStatement(csv(rows), 'cut.csv');
    const line4 = sql`${bankStatementRows.importId} = ${validated.id} and ${bankStatementRows.line} = 4`;
    await ctx.db.update(bankStatementRows).set({ customerId: '00000000-0000-4000-8000-00000000dead' }).where(line4);
    await expect(commitStatement(ctx, validated.id)).rejects.toThrow(/not found/);
    await ctx.db.update(bankStatementRows).set({ customerId: customer.id }).where(line4);
    // As a process that died mid-commit leaves it: committing, claimed long ago, nobody holding it.
    await ctx.db.update(readingImports).set({ status: 'committing', updatedAt: sql`now() - interval '5 minutes'` }).where(eq(readingImports.id, validated.id));
    expect(await isStalled(ctx, await getStatementDetails(ctx, validated.id).then((details) => details.import))).toBe(true);
    const count = await paymentCount(ctx.db);
    expect(await commitStatement(ctx, validated.id)).toMatchObject({ status: 'committed', acceptedRows: 4 });
    expect(await paymentCount(ctx.db)).toBe(count + 2);
  });
});

describe('an XLSX statement with a fixed currency, date cells, and amounts with a direction column', () => {
  it('reads numbers and dates from the sheet and skips the debits it marks', async () => {
    const customer = await newCustomer(ctx.db, 'Sheet Customer');
    const invoice = await issueInvoice(ctx.db, customer.id, 2990n, '2026-07-01');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Umsätze');
    sheet.addRow(['Buchungstag', 'Betrag', 'S/H', 'Verwendungszweck', 'Auftraggeber']);
    sheet.addRow([new Date(Date.UTC(2026, 6, 3)), 29.9, 'H', `Rechnung ${invoice.number}`, 'Sheet Customer']);
    sheet.addRow([new Date(Date.UTC(2026, 6, 4)), 500, 'S', 'Miete', 'Vermieter']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const validated = await importStatement(bytes, 'umsaetze.xlsx', {
      dateColumn: 'Buchungstag',
      amountColumn: 'Betrag',
      directionColumn: 'S/H',
      currency: 'EUR',
      referenceColumn: 'Verwendungszweck',
      payerColumn: 'Auftraggeber',
    });
    expect(validated).toMatchObject({ format: 'xlsx', totalRows: 2, validRows: 1, skippedRows: 1, invalidRows: 0 });
    const [row] = (await listStatementRows(ctx, validated.id, { show: 'record' })).items;
    expect(row).toMatchObject({ bookedOn: '2026-07-03', amount: { amountMinor: 2990n, currency: 'EUR' }, match: { kind: 'invoice', invoice: { number: invoice.number } } });
    await commitStatement(ctx, validated.id);
    expect(await openOn(ctx.db, invoice.id)).toBe(0n);
    const [stored] = await ctx.db.select().from(readingImports).where(eq(readingImports.id, validated.id));
    expect(stored).toMatchObject({ kind: 'bank_statement', status: 'committed', acceptedRows: 1 });
  });
});
