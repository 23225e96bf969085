// Cursor pagination of the read services on Postgres: pages walk every row once, the ledger's
// running balance carries across pages, and a tampered cursor is refused as input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@temporalio/client';
import { issueRecurringInvoice } from '../../activities/issue-recurring-invoice.js';
import { customerLedger } from '../../server/services/books/customer-ledger.js';
import { listCustomers } from '../../server/services/customers/customer-directory.js';
import { listEmails } from '../../server/services/emails/email-records.js';
import { ValidationError } from '../../server/services/errors.js';
import { listCustomerInvoices } from '../../server/services/invoices/invoice-records.js';
import { encodeCursor } from '../../server/services/pagination.js';
import { listPlans } from '../../server/services/subscriptions/plans.js';
import type { ServiceContext } from '../../server/services/context.js';
import { fullMonth, insertSubscribedCustomer } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let ctx: ServiceContext;
let customerId: string;
const MONTHS = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01'];

beforeAll(async () => {
  database = await createTestDatabase();
  // These services only read the database; no Temporal call is made.
  ctx = { db: database.handle.db, temporal: undefined as unknown as Client };
  const { customer, plan, subscription } = await insertSubscribedCustomer(ctx.db);
  customerId = customer.id;
  for (let i = 0; i + 1 < MONTHS.length; i++) {
    await issueRecurringInvoice(ctx.db, {
      customerId,
      subscriptionId: subscription.id,
      planId: plan.id,
      period: fullMonth(MONTHS[i]!, MONTHS[i + 1]!),
    });
  }
});
afterAll(() => database?.dispose());

describe('cursor pagination', () => {
  it('walks the ledger two entries a page, oldest first, with the running balance continuing across pages', async () => {
    const entries = [];
    let cursor: string | undefined;
    do {
      const page = await customerLedger(ctx, customerId, { limit: 2, cursor });
      entries.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(entries).toHaveLength(6);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(6);
    expect(entries.map((entry) => entry.entryDate)).toEqual(MONTHS.slice(1));
    expect(entries.map((entry) => entry.runningBalance.amountMinor)).toEqual([4900n, 9800n, 14700n, 19600n, 24500n, 29400n]);
  });

  it('walks invoices newest first without gaps', async () => {
    const numbers: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomerInvoices(ctx, customerId, { limit: 4, cursor });
      numbers.push(...page.items.map((invoice) => invoice.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(numbers).toEqual([...numbers].sort().reverse());
    expect(numbers).toHaveLength(6);
  });

  it('refuses a cursor whose contents were tampered with, naming the cursor, on every list', async () => {
    const forged = encodeCursor({ key: "2026-01-01'; drop table plans; --", id: 'not-a-uuid' });
    const wrongKey = encodeCursor({ key: 'yesterday', id: '00000000-0000-4000-8000-000000000000' });
    const lists = [
      (cursor: string) => customerLedger(ctx, customerId, { cursor }),
      (cursor: string) => listCustomerInvoices(ctx, customerId, { cursor }),
      (cursor: string) => listCustomers(ctx, { cursor }),
      (cursor: string) => listPlans(ctx, { cursor }),
      (cursor: string) => listEmails(ctx, { cursor }),
    ];
    for (const list of lists) {
      for (const cursor of [forged, wrongKey, 'not base64 json']) {
        const error = await list(cursor).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).problems).toEqual([{ field: 'cursor', message: 'is not a cursor returned by a previous page' }]);
      }
    }
  });
});
