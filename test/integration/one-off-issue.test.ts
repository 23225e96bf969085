// Issuing an invoice of item lines on the real Postgres server: the lines and their tax as stored,
// the total, and one balanced journal entry that books revenue per account and tax payable.
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueItemInvoice } from '../../db/records/item-invoices.js';
import { money } from '../../billing/money.js';
import { customers, invoiceLines, invoices } from '../../db/schema.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

async function insertCustomer(email: string) {
  const [customer] = await database.handle.db
    .insert(customers)
    .values({ name: 'Grace Hopper', email, currency: 'EUR', status: 'active' })
    .returning();
  return customer!;
}

describe('issueItemInvoice on Postgres', () => {
  it('stores the lines with their tax, the total, and one balanced entry', async () => {
    const { db } = database.handle;
    const customer = await insertCustomer('one-off-issue@example.net');
    const invoiceId = randomUUID();

    const issued = await db.transaction((tx) =>
      issueItemInvoice(tx, {
        invoiceId,
        customerId: customer.id,
        currency: 'EUR',
        issueDate: '2031-03-04',
        lines: [
          { itemId: null, description: 'Router swap', quantity: '2', unitAmountMinor: 4990n, taxRate: '21', revenueAccountCode: '4300' },
          { itemId: null, description: 'Technician, per hour', quantity: '1.5', unitAmountMinor: 6000n, taxRate: '20', revenueAccountCode: '4200' },
        ],
      }),
    );

    // 2 × 49.90 = 99.80 + 21% = 20.958 → 20.96; 1.5 × 60.00 = 90.00 + 20% = 18.00
    expect(issued).toEqual({ invoiceId, number: 'INV-2031-000001', total: money(22876n, 'EUR'), tax: money(3896n, 'EUR') });
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect(invoice).toMatchObject({
      kind: 'one_off', number: 'INV-2031-000001', issueDate: '2031-03-04', periodStart: null, periodEnd: null,
      subscriptionId: null, currency: 'EUR', totalMinor: 22876n, taxMinor: 3896n, status: 'issued',
    });
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position));
    expect(lines.map((l) => [l.position, l.kind, l.description, l.quantity, l.unitAmountMinor, l.amountMinor, l.taxRate, l.taxMinor, l.revenueAccountCode]))
      .toEqual([
        [0, 'item', 'Router swap', '2', 4990n, 9980n, '21', 2096n, '4300'],
        [1, 'item', 'Technician, per hour', '1.5', 6000n, 9000n, '20', 1800n, '4200'],
      ]);

    const records = await billingRecordsOf(db, customer.id);
    expect(records.entries).toHaveLength(1);
    expect(records.entries[0]).toMatchObject({ sourceType: 'invoice', sourceId: invoiceId, entryDate: '2031-03-04' });
    expect(records.lines.map((l) => [l.accountCode, l.customerId, l.amountMinor]).sort()).toEqual([
      ['1100', customer.id, 22876n],
      ['2200', null, -3896n],
      ['4200', null, -9000n],
      ['4300', null, -9980n],
    ]);
    expect(records.lines.reduce((sum, l) => sum + l.amountMinor, 0n)).toBe(0n);
  });

  it('gives back its number when the transaction rolls back, so the next invoice takes it', async () => {
    const { db } = database.handle;
    const customer = await insertCustomer('one-off-rollback@example.net');
    const line = { itemId: null, description: 'Cable', quantity: '1', unitAmountMinor: 500n, taxRate: '0', revenueAccountCode: '4300' };
    const input = (invoiceId: string) => ({ invoiceId, customerId: customer.id, currency: 'EUR', issueDate: '2032-01-10', lines: [line] });

    await expect(
      db.transaction(async (tx) => {
        await issueItemInvoice(tx, input(randomUUID()));
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    const issued = await db.transaction((tx) => issueItemInvoice(tx, input(randomUUID())));

    expect(issued.number).toBe('INV-2032-000001');
    expect(issued.tax).toEqual(money(0n, 'EUR'));
  });
});
