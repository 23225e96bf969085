// The trial balance and the customer statement through the REST API, on the real stack with
// customers billed for two past months: the trial balance balances per currency and its
// receivable equals what the customers owe; a statement's opening balance plus its entries is its
// closing balance, which is what the ledger says the customer owes; bad input is refused by name.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerBalance } from '../../db/records/receivables.js';
import { ACCOUNTS } from '../../billing/ledger.js';
import { addDays, isoDateFromEpochMs } from '../../billing/calendar.js';
import { customers, journalEntries, journalLines } from '../../db/schema.js';
import { createPlan } from '../../server/services/subscriptions/plans.js';
import { createBilledCustomer } from '../support/billed-customer.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { ApiClient, type Json } from './api-client.js';

let harness: PortalHarness;
let api: ApiClient;
let eur: Awaited<ReturnType<typeof createBilledCustomer>>;
let usd: Awaited<ReturnType<typeof createBilledCustomer>>;
const today = isoDateFromEpochMs(Date.now());

beforeAll(async () => {
  harness = await createPortalHarness();
  api = new ApiClient(harness.url, await harness.newApiToken());
  const { ctx } = harness.stack;
  const eurPlan = await createPlan(ctx, { name: 'Fibre 100', amount: 4900, currency: 'EUR', interval: 'month' });
  const usdPlan = await createPlan(ctx, { name: 'Fibre 300', amount: 7500, currency: 'USD', interval: 'month' });
  [eur, usd] = await Promise.all([
    createBilledCustomer(ctx, eurPlan, { name: 'Grace Hopper', email: 'grace@example.net' }),
    createBilledCustomer(ctx, usdPlan, { name: 'Alan Turing', email: 'alan@example.net' }),
  ]);
  // A payment between the two invoices, so a statement has a credit to show.
  const secondInvoiceDate = [...eur.invoices].map((invoice) => invoice.issueDate).sort()[1]!;
  await ctx.db.transaction(async (tx) => {
    const [entry] = await tx
      .insert(journalEntries)
      .values({ entryDate: addDays(secondInvoiceDate, -3), description: 'Bank transfer', sourceType: 'test-payment', sourceId: randomUUID() })
      .returning();
    await tx.insert(journalLines).values([
      { entryId: entry!.id, accountCode: ACCOUNTS.cash, amountMinor: 3000n, currency: 'EUR' },
      { entryId: entry!.id, accountCode: ACCOUNTS.accountsReceivable, customerId: eur.customer.id, amountMinor: -3000n, currency: 'EUR' },
    ]);
  });
});
afterAll(() => harness?.dispose());

const minor = (amount: Json) => BigInt(amount.amountMinor);

describe('trial balance API', () => {
  it('balances per currency, and its receivable is what the customers owe', async () => {
    const answer = await api.get('/api/v1/trial-balance');
    expect(answer.status).toBe(200);
    expect(answer.body.asOf).toBe(today);
    const { rows, totals } = answer.body;
    expect(totals.map((total: Json) => total.currency).sort()).toEqual(['EUR', 'USD']);
    for (const total of totals) {
      expect(total.debits).toEqual(total.credits);
      const ofCurrency = rows.filter((row: Json) => row.balance.currency === total.currency);
      expect(ofCurrency.reduce((sum: bigint, row: Json) => sum + minor(row.debits), 0n)).toBe(minor(total.debits));
      expect(ofCurrency.reduce((sum: bigint, row: Json) => sum + minor(row.balance), 0n)).toBe(0n);
      for (const row of ofCurrency) expect(minor(row.balance)).toBe(minor(row.debits) - minor(row.credits));
    }

    const { db } = harness.stack.ctx;
    const everyone = await db.select().from(customers);
    for (const currency of ['EUR', 'USD']) {
      const owed = await Promise.all(everyone.filter((c) => c.currency === currency).map((c) => customerBalance(db, c.id, currency)));
      const receivable = rows.find((row: Json) => row.accountCode === '1100' && row.balance.currency === currency);
      expect(receivable).toMatchObject({ accountName: expect.any(String), accountType: 'asset' });
      expect(minor(receivable.balance)).toBe(owed.reduce((sum, balance) => sum + balance.amountMinor, 0n));
    }
    const eurReceivable = rows.find((row: Json) => row.accountCode === '1100' && row.balance.currency === 'EUR');
    const billed = eur.invoices.reduce((sum, invoice) => sum + invoice.totalMinor, 0n);
    expect(eurReceivable.balance).toEqual({ amountMinor: String(billed - 3000n), currency: 'EUR' });
  });

  it('leaves out entries dated after asOf', async () => {
    const firstDate = [...eur.invoices, ...usd.invoices].map((invoice) => invoice.issueDate).sort()[0]!;
    const before = await api.get(`/api/v1/trial-balance?asOf=${addDays(firstDate, -1)}`);
    expect(before.body).toEqual({ asOf: addDays(firstDate, -1), rows: [], totals: [] });

    const first = await api.get(`/api/v1/trial-balance?asOf=${firstDate}`);
    const postedThen = [...eur.invoices, ...usd.invoices].filter((invoice) => invoice.issueDate <= firstDate);
    const billedThen = postedThen.reduce((sum, invoice) => sum + invoice.totalMinor, 0n);
    const receivable = first.body.rows.filter((row: Json) => row.accountCode === '1100');
    expect(receivable.reduce((sum: bigint, row: Json) => sum + minor(row.balance), 0n)).toBe(billedThen);
  });

  it('refuses a malformed or impossible asOf, naming it', async () => {
    for (const asOf of ['yesterday', '2026-02-30']) {
      const answer = await api.get(`/api/v1/trial-balance?asOf=${asOf}`);
      expect(answer.status).toBe(422);
      expect(answer.body.errors.map((error: Json) => error.field)).toEqual(['asOf']);
    }
  });
});

describe('customer statement API', () => {
  const statementOf = (customerId: string, query = '') => api.get(`/api/v1/customers/${customerId}/statement${query}`);

  it('adds up: opening balance plus every entry is the closing balance, which is what the ledger says is owed', async () => {
    const answer = await statementOf(eur.customer.id);
    expect(answer.status).toBe(200);
    const statement = answer.body;
    expect(statement).toMatchObject({ customerId: eur.customer.id, currency: 'EUR', from: null, to: today, openingBalance: { amountMinor: '0', currency: 'EUR' } });
    expect(statement.entries.map((entry: Json) => entry.description)).toContain('Bank transfer');
    expect(statement.entries).toHaveLength(3);
    let running = minor(statement.openingBalance);
    for (const entry of statement.entries) {
      running += minor(entry.receivableChange);
      expect(minor(entry.runningBalance)).toBe(running);
    }
    expect(minor(statement.closingBalance)).toBe(running);
    const owed = await customerBalance(harness.stack.ctx.db, eur.customer.id, 'EUR');
    expect(statement.closingBalance).toEqual({ amountMinor: String(owed.amountMinor), currency: 'EUR' });
  });

  it('opens a window in the middle with what was owed before it, and closes it with what was owed at its end', async () => {
    const whole = (await statementOf(eur.customer.id)).body;
    const [first, payment, second] = whole.entries;
    expect(payment.description).toBe('Bank transfer');
    const window = await statementOf(eur.customer.id, `?from=${payment.entryDate}&to=${addDays(second.entryDate, -1)}`);
    expect(window.status).toBe(200);
    expect(window.body.openingBalance).toEqual(first.runningBalance);
    expect(window.body.entries.map((entry: Json) => entry.id)).toEqual([payment.id]);
    expect(window.body.closingBalance).toEqual(payment.runningBalance);

    const quiet = await statementOf(eur.customer.id, `?from=${addDays(second.entryDate, 1)}&to=${today}`);
    expect(quiet.body).toMatchObject({ entries: [], openingBalance: second.runningBalance, closingBalance: second.runningBalance });
  });

  it("is in the customer's own currency", async () => {
    const statement = (await statementOf(usd.customer.id)).body;
    expect(statement.currency).toBe('USD');
    expect(statement.closingBalance).toEqual({ amountMinor: String((await customerBalance(harness.stack.ctx.db, usd.customer.id, 'USD')).amountMinor), currency: 'USD' });
  });

  it('refuses bad dates and a period that ends before it starts, naming the field; an unknown customer is 404', async () => {
    const badFrom = await statementOf(eur.customer.id, '?from=2026-13-01');
    expect(badFrom.status).toBe(422);
    expect(badFrom.body.errors.map((error: Json) => error.field)).toEqual(['from']);
    const badTo = await statementOf(eur.customer.id, '?to=soon');
    expect(badTo.status).toBe(422);
    expect(badTo.body.errors.map((error: Json) => error.field)).toEqual(['to']);
    const backwards = await statementOf(eur.customer.id, '?from=2026-03-01&to=2026-02-01');
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors).toEqual([{ field: 'from', message: 'must be on or before to' }]);
    const unknown = await statementOf(randomUUID());
    expect(unknown.status).toBe(404);
  });
});
