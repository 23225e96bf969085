// `uplink bank-statements import` and `uplink payments assign` as a script runs them: child
// processes against a Postgres database of their own (neither needs Temporal). A dry run records
// nothing; a run records each transfer once, so running it again records nothing more; invalid
// rows refuse the whole file (exit 3) unless --valid-only; an unmatched payment assigned by the
// customer's reference pays their invoice, and assigning it again changes nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerReference } from '../../billing/payments/bank-matching.js';
import { listPayments } from '../../server/services/payments/payment-records.js';
import { bankStatementWire, statementRowWire } from '../../server/views/bank-statement-json.js';
import { paymentDocumentWire } from '../../server/views/payment-json.js';
import { jsonOf, runUplink } from '../cli/run-uplink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { expectBooksBalance, issueInvoice, newCustomer, openOn, paymentCount, statementContext } from './statement-fixtures.js';

let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  folder = await mkdtemp(join(tmpdir(), 'uplink-bank-cli-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await database?.dispose();
});

const uplink = (...args: string[]) => runUplink(args, { env: { DATABASE_URL: database.url } });
const db = () => database.handle.db;

async function statementFile(name: string, lines: string[]): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, ['Date,Amount,Reference,Transaction ID,Payer', ...lines].join('\n') + '\n');
  return path;
}

interface ImportOutput {
  statement: { counts: Record<string, number>; status: string };
  rows: { line: number; outcome: string; payment: { id: string; awaitingAssignment: boolean } | null }[];
}

describe('uplink bank-statements import', () => {
  it('previews on a dry run, records each transfer once, and assigns the unmatched one by the customer’s reference', async () => {
    const ada = await newCustomer(db(), 'Ada Cli');
    const invoice = await issueInvoice(db(), ada.id, 2500n, '2026-08-01');
    const later = await issueInvoice(db(), ada.id, 1000n, '2026-08-15');
    const path = await statementFile('august.csv', [
      `2026-08-02,25.00,${invoice.number},T-1,Ada Cli`,
      '2026-08-03,-9.99,Card fees,T-2,The Bank',
      '2026-08-04,10.00,for august,T-3,A. Cli',
    ]);

    const before = await paymentCount(db());
    const dry = jsonOf<ImportOutput>(await uplink('bank-statements', 'import', path, '--source', 'cli-account', '--currency', 'eur', '--dry-run', '--json'));
    expect(bankStatementWire.strict().safeParse(dry.statement).error?.issues ?? []).toEqual([]);
    expect(dry.rows.every((row) => statementRowWire.strict().safeParse(row).success)).toBe(true);
    expect(dry.statement.counts).toMatchObject({ total: 3, toRecord: 2, byInvoice: 1, unmatched: 1, debit: 1, recorded: 0 });
    expect(dry.rows.map((row) => row.outcome)).toEqual(['record', 'debit', 'record']);
    expect(await paymentCount(db())).toBe(before);

    const human = await uplink('bank-statements', 'import', path, '--source', 'cli-account', '--currency', 'EUR');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Imported august.csv: 2 transfers recorded (1 unmatched, waiting to be assigned), 1 going out and 0 already recorded skipped, 0 rows rejected.');
    expect(human.stdout).toContain(`Ada Cli ${invoice.number} → PAY-`);
    expect(human.stderr).toMatch(/recorded 2 of 2 transfers/);
    expect(await paymentCount(db())).toBe(before + 2);
    expect(await openOn(db(), invoice.id)).toBe(0n);

    const again = jsonOf<ImportOutput>(await uplink('bank-statements', 'import', path, '--source', 'cli-account', '--currency', 'EUR', '--json'));
    expect(again.statement.counts).toMatchObject({ recorded: 0, duplicate: 2, debit: 1 });
    expect(await paymentCount(db())).toBe(before + 2);

    const waiting = (await listPayments(statementContext(db()), { needsReview: 'true' })).items;
    expect(waiting).toHaveLength(1);

    const assigned = jsonOf<{ alreadyAssigned: boolean; payment: unknown }>(
      await uplink('payments', 'assign', waiting[0]!.id, '--customer', customerReference(ada.id), '--json'),
    );
    expect(paymentDocumentWire.strict().safeParse(assigned.payment).error?.issues ?? []).toEqual([]);
    expect(assigned).toMatchObject({ alreadyAssigned: false, payment: { customerId: ada.id, needsReview: null, allocations: [expect.objectContaining({ invoiceNumber: later.number })] } });
    expect(await openOn(db(), later.id)).toBe(0n);
    const repeated = await uplink('payments', 'assign', waiting[0]!.id, '--invoice', later.number);
    expect(repeated.code).toBe(0);
    expect(repeated.stdout).toContain('was already assigned to Ada Cli; nothing changed.');
    await expectBooksBalance(statementContext(db()), expect);
  });

  it('refuses a statement with invalid rows (exit 3) recording nothing, and records the valid ones with --valid-only', async () => {
    const path = await statementFile('broken.csv', ['2026-08-05,12.345,too many decimals,T-10,X', '2026-08-05,12.00,fine,T-11,Y']);
    const before = await paymentCount(db());
    const refused = await uplink('bank-statements', 'import', path, '--source', 'cli-account', '--currency', 'EUR');
    expect(refused.code).toBe(3);
    expect(refused.stdout).toContain('invalid (Amount): 12.345 has more than 2 decimals for EUR');
    expect(refused.stderr).toContain('1 rows are invalid, so nothing was recorded; fix them, or pass --valid-only to record the 1 valid transfers');
    expect(await paymentCount(db())).toBe(before);
    const recorded = jsonOf<ImportOutput>(await uplink('bank-statements', 'import', path, '--source', 'cli-account', '--currency', 'EUR', '--valid-only', '--json'));
    expect(recorded.statement.counts).toMatchObject({ recorded: 1, invalid: 1 });
    expect(await paymentCount(db())).toBe(before + 1);
  });

  it('refuses an assignment naming nobody (exit 3) and an unknown payment (exit 4)', async () => {
    expect((await uplink('payments', 'assign', '00000000-0000-4000-8000-000000000000', '--customer', 'nobody@bank.test')).code).toBe(3);
    const customer = await newCustomer(db(), 'Known Cli');
    const unknown = await uplink('payments', 'assign', '00000000-0000-4000-8000-000000000000', '--customer', customer.email);
    expect(unknown.code).toBe(4);
  });
});
