// The embedded default: with no DATABASE_URL, the same migrations and the same billing
// activities run on PGlite in a data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { billingRecordsOf } from '../support/billing-records.js';
import { fullMonth, insertSubscribedCustomer } from '../support/fixtures.js';
import { testActivityDeps } from '../support/test-activity-deps.js';

let dataDir: string;
let handle: DatabaseHandle;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'uplink-pglite-'));
  handle = await openDatabase({ dataDir });
  await migrateDatabase(handle);
});

afterAll(async () => {
  await handle?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('billing on PGlite', () => {
  it('issues, books and emails an invoice once, however often the steps are retried', async () => {
    expect(handle.kind).toBe('pglite');
    const activities = createActivities(testActivityDeps(handle.db));
    const { customer, plan, subscription } = await insertSubscribedCustomer(handle.db);
    const input = { customerId: customer.id, subscriptionId: subscription.id, planId: plan.id, period: fullMonth('2026-01-01', '2026-02-01') };

    const first = await activities.issueRecurringInvoice(input);
    const again = await activities.issueRecurringInvoice(input);
    await activities.emailInvoice(first.invoice.invoiceId);
    await activities.emailInvoice(first.invoice.invoiceId);

    expect(again.invoice).toEqual(first.invoice);
    expect(first.balance).toEqual({ amountMinor: '4900', currency: 'EUR' });
    const records = await billingRecordsOf(handle.db, customer.id);
    expect(records.invoices).toHaveLength(1);
    expect(records.invoices[0]?.number).toBe('INV-2026-000001');
    expect(records.entries).toHaveLength(1);
    expect(records.lines.reduce((sum, line) => sum + line.amountMinor, 0n)).toBe(0n);
    expect(records.emails).toHaveLength(1);
    expect(records.emails[0]).toMatchObject({ status: 'outbox', recipient: 'ada@example.net' });
    expect(records.emails[0]?.text).toContain('INV-2026-000001');
  });

  it('enforces the balanced-ledger rule in the embedded database too', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(`insert into journal_entries (id, entry_date, description, source_type, source_id)
          values ('00000000-0000-4000-8000-000000000001', '2026-01-31', 'lopsided', 'test', gen_random_uuid())`);
        await tx.execute(`insert into journal_lines (entry_id, account_code, amount_minor, currency)
          values ('00000000-0000-4000-8000-000000000001', '1100', 100, 'EUR'),
                 ('00000000-0000-4000-8000-000000000001', '4000', -99, 'EUR')`);
      }),
    ).rejects.toThrow(/does not balance/);
  });
});
