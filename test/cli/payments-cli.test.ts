// `uplink payments record|list` as a script runs them, against Postgres and a Temporal dev server
// with a worker: --json prints the REST API's shapes, a repeated --idempotency-key records once,
// refusals exit 3 naming the option to change, and nothing is stored when refused.
import type { Worker } from '@temporalio/worker';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDateAt } from '../../billing/payments/business-date.js';
import { items, payments } from '../../db/schema.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { createOneOffInvoice } from '../../server/services/invoices/one-off-invoices.js';
import { paymentDocumentWire, paymentWire } from '../../server/views/payment-json.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';
import { jsonOf, runUplink } from './run-uplink.js';

let stack: WorkflowHarness;
let worker: Worker;
let working: Promise<void>;
let env: Record<string, string>;
let customerId: string;
let invoice: { id: string; number: string };

// The CLI runs in the company's time zone (UTC unless UPLINK_TIME_ZONE says otherwise).
const lastYear = (monthDay: string) => `${Number(businessDateAt(Date.now(), 'UTC').slice(0, 4)) - 1}-${monthDay}`;

beforeAll(async () => {
  stack = await createWorkflowHarness('local');
  worker = await stack.worker();
  working = worker.run();
  env = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_NAMESPACE: stack.env.namespace ?? 'default' };
  customerId = (await createCustomer(stack.ctx, { name: 'Ada Lovelace', email: 'ada-payments-cli@example.net', currency: 'EUR' })).customer.id;
  const [visit] = await stack.ctx.db
    .insert(items)
    .values({ name: 'Technician visit', kind: 'service', unitPriceMinor: 8000n, currency: 'EUR', revenueAccountCode: '4300', taxRate: '0' })
    .returning();
  invoice = (await createOneOffInvoice(stack.ctx, { customerId, issueDate: lastYear('09-01'), lines: [{ itemId: visit!.id, quantity: '1' }] })).invoice;
});

afterAll(async () => {
  worker?.shutdown();
  await working;
  await stack?.dispose();
});

const uplink = (...args: string[]) => runUplink(args, { env });
const storedPayments = async () => (await stack.ctx.db.select({ n: count() }).from(payments))[0]?.n;

describe('uplink payments record and list', () => {
  it('records a payment against the named invoice once however often the keyed command is run, and lists it', async () => {
    const args = ['payments', 'record', '--customer', customerId, '--amount', '100.00', '--method', 'cheque', '--date', lastYear('10-02'), '--reference', 'Cheque 4410'];
    const recorded = jsonOf(await uplink(...args, '--invoice', invoice.id, '--idempotency-key', 'cheque-4410', '--json'));
    expect(paymentDocumentWire.strict().safeParse(recorded).error?.issues ?? []).toEqual([]);
    expect(recorded).toMatchObject({
      customerId,
      method: 'cheque',
      amount: { amountMinor: '10000', currency: 'EUR' },
      recordedBy: 'cli',
      credit: { amountMinor: '2000', currency: 'EUR' },
      allocations: [{ invoiceId: invoice.id, amount: { amountMinor: '8000', currency: 'EUR' } }],
    });

    const again = await uplink(...args, '--invoice', invoice.id, '--idempotency-key', 'cheque-4410');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Already recorded payment ${String(recorded.number)} of €100.00 from Ada Lovelace.`);
    expect(again.stdout).toMatch(new RegExp(`paid ${invoice.number}\\s+€80\\.00`));
    expect(again.stdout).toMatch(/kept as credit\s+€20\.00/);
    expect(await stack.ctx.db.select().from(payments).where(eq(payments.customerId, customerId))).toHaveLength(1);

    const listed = jsonOf<{ items: unknown[] }>(await uplink('payments', 'list', '--customer', customerId, '--method', 'cheque', '--json'));
    expect(listed.items).toHaveLength(1);
    expect(paymentWire.strict().safeParse(listed.items[0]).error?.issues ?? []).toEqual([]);
    const table = await uplink('payments', 'list', '--customer', customerId);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${String(recorded.number)}.*${lastYear('10-02')}\\s+Ada Lovelace\\s+Cheque\\s+Cheque 4410\\s+€100\\.00`));
    expect((await uplink('payments', 'list', '--customer', customerId, '--needs-review')).stdout).toBe('No payments.\n');
  });

  it('refuses bad input naming the option (exit 3), a key reused for another payment, and stores nothing', async () => {
    const before = await storedPayments();
    const refused = await uplink('payments', 'record', '--customer', customerId, '--amount', '€12', '--method', 'card', '--date', '2099-01-01', '--reference', 'x');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('amount (--amount): must be an amount written as a plain decimal such as "49.90"');
    expect(refused.stderr).toContain('method (--method): must be one of bank_transfer, cash, cheque');
    const late = await uplink('payments', 'record', '--customer', customerId, '--amount', '12.345', '--method', 'cash', '--date', '2099-01-01', '--reference', 'x');
    expect(late.code).toBe(3);
    expect(late.stderr).toContain('amount (--amount): must have at most 2 decimals in EUR');
    expect(late.stderr).toMatch(/receivedOn \(--date\): must be between \d{4}-01-01 and today/);

    const reused = await uplink('payments', 'record', '--customer', customerId, '--amount', '5.00', '--method', 'cheque', '--date', lastYear('10-02'), '--reference', 'Cheque 4411', '--idempotency-key', 'cheque-4410');
    expect(reused.code).toBe(3);
    expect(reused.stderr).toMatch(/idempotency-key \(--idempotency-key\): was already used to record payment PAY-\d{4}-\d{6}; use a new key for a new payment/);

    const missing = await uplink('payments', 'record', '--customer', customerId, '--amount', '5.00');
    expect(missing.code).toBe(2);
    expect(await storedPayments()).toEqual(before);
  });
});
