// The embedded database (PGlite, one session for everything) runs a bank statement the same way:
// matched, committed one transfer at a time while the step holds the import, and imported again
// without recording anything twice. `npm start` without DATABASE_URL runs on it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { commitStatement } from '../../server/services/bank-statements/statement-commit.js';
import { uploadStatement } from '../../server/services/bank-statements/statement-upload.js';
import { validateStatement } from '../../server/services/bank-statements/statement-validate.js';
import { bytesOf } from '../imports/import-fixtures.js';
import { expectBooksBalance, issueInvoice, newCustomer, openOn, paymentCount, statementContext } from './statement-fixtures.js';

let dataDir: string;
let handle: DatabaseHandle;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'uplink-bank-pglite-'));
  handle = await openDatabase({ dataDir });
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a bank statement on PGlite', () => {
  it('matches, records each transfer once, and records nothing more when imported again', async () => {
    const ctx = statementContext(handle.db);
    const customer = await newCustomer(handle.db, 'Embedded Payer');
    const invoice = await issueInvoice(handle.db, customer.id, 1990n, '2026-10-01');
    const text = `date;amount;reference\n2026-10-02;19,90;${invoice.number}\n2026-10-02;-5,00;fees\n2026-10-03;7,00;unknown\n`;
    const mapping = { dateColumn: 'date', amountColumn: 'amount', currency: 'EUR', referenceColumn: 'reference' };
    const run = async () => {
      const uploaded = await uploadStatement(ctx, { fileName: 'october.csv', source: 'embedded', bytes: bytesOf(text) });
      return commitStatement(ctx, (await validateStatement(ctx, uploaded.id, { mapping })).id);
    };
    expect(await run()).toMatchObject({ status: 'committed', acceptedRows: 2, skippedRows: 1 });
    expect(await openOn(handle.db, invoice.id)).toBe(0n);
    expect(await paymentCount(handle.db)).toBe(2);
    expect(await run()).toMatchObject({ status: 'committed', acceptedRows: 0, duplicateRows: 2 });
    expect(await paymentCount(handle.db)).toBe(2);
    await expectBooksBalance(ctx, expect);
  });
});
