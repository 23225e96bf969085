// `uplink invoices create|credit` as a script runs them, against Postgres and a Temporal dev server
// with a worker: --json prints the REST API's shapes, refused lines exit 3 naming the field, and
// a malformed --item is a usage error; nothing is stored when refused.
import type { Worker } from '@temporalio/worker';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditNotes, invoices, items } from '../../db/schema.js';
import { creditNoteDocumentWire } from '../../server/views/credit-note-json.js';
import { invoiceDocumentWire } from '../../server/views/invoice-json.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';
import { jsonOf, runUplink } from './run-uplink.js';

let stack: WorkflowHarness;
let worker: Worker;
let working: Promise<void>;
let env: Record<string, string>;
let customerId: string;
let routerId: string;

beforeAll(async () => {
  stack = await createWorkflowHarness('local');
  worker = await stack.worker();
  working = worker.run();
  env = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_NAMESPACE: stack.env.namespace ?? 'default' };
  customerId = (await createCustomer(stack.ctx, { name: 'Ada Lovelace', email: 'ada-cli@example.net', currency: 'EUR' })).customer.id;
  const [router] = await stack.ctx.db
    .insert(items)
    .values({ name: 'Router swap', kind: 'part', unitPriceMinor: 4990n, currency: 'EUR', revenueAccountCode: '4300', taxRate: '21' })
    .returning();
  routerId = router!.id;
});

afterAll(async () => {
  worker?.shutdown();
  await working;
  await stack?.dispose();
});

const uplink = (...args: string[]) => runUplink(args, { env });
const stored = async () => ({
  invoices: (await stack.ctx.db.select({ n: count() }).from(invoices))[0]?.n,
  creditNotes: (await stack.ctx.db.select({ n: count() }).from(creditNotes))[0]?.n,
});

describe('uplink invoices create and credit', () => {
  it('issues a one-off invoice of repeated --item lines, then credits one line of it', async () => {
    const created = jsonOf(await uplink('invoices', 'create', '--customer', customerId, '--item', `${routerId}:2`, '--item', `${routerId}:1`, '--json'));
    expect(invoiceDocumentWire.strict().safeParse(created).error?.issues ?? []).toEqual([]);
    expect(created).toMatchObject({ kind: 'one_off', total: { amountMinor: '18114', currency: 'EUR' }, tax: { amountMinor: '3144', currency: 'EUR' } });

    const table = await uplink('invoices', 'credit', String(created.id), '--reason', 'Returned', '--line', '1');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Issued credit note CN-\d{4}-\d{6} for invoice INV-\d{4}-\d{6}/);
    const [note] = await stack.ctx.db.select().from(creditNotes).where(eq(creditNotes.invoiceId, String(created.id)));
    expect(note).toMatchObject({ netMinor: 4990n, taxMinor: 1048n });

    const rest = jsonOf(await uplink('invoices', 'credit', String(created.id), '--reason', 'All of it', '--json'));
    expect(creditNoteDocumentWire.strict().safeParse(rest).error?.issues ?? []).toEqual([]);
    expect(rest).toMatchObject({ total: { amountMinor: '12076', currency: 'EUR' } });
  });

  it('refuses a bad line naming its field (exit 3), a malformed --item (exit 2), and stores nothing', async () => {
    const before = await stored();
    const refused = await uplink('invoices', 'create', '--customer', customerId, '--item', `${routerId}:1`, '--item', `${routerId}:0`);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('lines[1].quantity: must be more than zero');
    const malformed = await uplink('invoices', 'create', '--customer', customerId, '--item', routerId);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('must be <item-id>:<quantity>');
    expect(await stored()).toEqual(before);
  });
});
