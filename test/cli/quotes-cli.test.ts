// `uplink quotes` as a script runs it, against Postgres and a Temporal dev server with a worker:
// --json prints the REST API's shapes, a quote is created, sent and accepted into an invoice, and
// refusals exit with the documented codes, storing nothing.
import type { Worker } from '@temporalio/worker';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages, items, quotes } from '../../db/schema.js';
import { quoteDecidedWire, quoteSummaryWire, quoteWire } from '../../server/views/quote-json.js';
import { createCustomer } from '../../server/services/customers/customers.js';
import { eventually } from '../support/eventually.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';
import { jsonOf, runUplink } from './run-uplink.js';

let stack: WorkflowHarness;
let worker: Worker;
let working: Promise<void>;
let env: Record<string, string>;
let customerId: string;
let visitId: string;

beforeAll(async () => {
  stack = await createWorkflowHarness('local');
  worker = await stack.worker();
  working = worker.run();
  env = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_NAMESPACE: stack.env.namespace ?? 'default' };
  customerId = (await createCustomer(stack.ctx, { name: 'Ada Lovelace', email: 'ada-quotes@example.net', currency: 'EUR' })).customer.id;
  const [visit] = await stack.ctx.db
    .insert(items)
    .values({ name: 'Technician visit', kind: 'service', unitPriceMinor: 8000n, currency: 'EUR', revenueAccountCode: '4200', taxRate: '21' })
    .returning();
  visitId = visit!.id;
});

afterAll(async () => {
  worker?.shutdown();
  await working;
  await stack?.dispose();
});

const uplink = (...args: string[]) => runUplink(args, { env });
const quoteCount = async () => (await stack.ctx.db.select({ n: count() }).from(quotes))[0]?.n ?? 0;
const issues = (schema: { strict(): { safeParse(value: unknown): { error?: { issues: unknown[] } } } }, value: unknown) => schema.strict().safeParse(value).error?.issues ?? [];

describe('uplink quotes', () => {
  it('creates a draft, sends it, accepts it into an invoice, and lists and shows it', async () => {
    const created = jsonOf(await uplink('quotes', 'create', '--customer', customerId, '--item', `${visitId}:1.5`, '--item', `${visitId}:1`, '--note', 'Two visits', '--json'));
    expect(issues(quoteWire, created)).toEqual([]);
    expect(created).toMatchObject({ status: 'draft', note: 'Two visits', total: { amountMinor: '24200', currency: 'EUR' } });
    const quoteId = created.id as string;

    const sent = jsonOf(await uplink('quotes', 'send', quoteId, '--json'));
    expect(sent).toMatchObject({ id: quoteId, status: 'sent' });
    await eventually(async () => {
      const emails = await stack.ctx.db.select().from(emailMessages).where(eq(emailMessages.entityId, quoteId));
      expect(emails.map((email) => email.kind)).toEqual(['quote-sent']);
    });

    const accepted = jsonOf(await uplink('quotes', 'accept', quoteId, '--json'));
    expect(issues(quoteDecidedWire, accepted)).toEqual([]);
    expect(accepted).toMatchObject({ quoteId, status: 'accepted', alreadyDecided: false, invoice: { number: expect.stringMatching(/^INV-/) } });
    const again = await uplink('quotes', 'accept', quoteId);
    expect(again.stdout).toContain(`was already accepted; invoice ${(accepted.invoice as { number: string }).number}`);

    const listed = jsonOf<{ items: unknown[] }>(await uplink('quotes', 'list', '--customer', customerId, '--status', 'accepted', '--json'));
    expect(listed.items).toHaveLength(1);
    expect(issues(quoteSummaryWire, listed.items[0])).toEqual([]);
    const shown = await uplink('quotes', 'show', quoteId);
    expect(shown.stdout).toMatch(/Technician visit\s+1\.5\s+€80\.00\s+€120\.00\s+€25\.20 \(21%\)/);
    expect(shown.stdout).toContain('accepted');

    const decline = await uplink('quotes', 'decline', quoteId);
    expect(decline.code).toBe(1);
    expect(decline.stderr).toMatch(/was accepted on .*; it can no longer be declined\./);
  });

  it('refuses bad lines (exit 3), a malformed --item (exit 2) and an unknown quote (exit 4), storing nothing', async () => {
    const before = await quoteCount();
    const refused = await uplink('quotes', 'create', '--customer', customerId, '--item', `${visitId}:0`, '--valid-until', '2020-01-01');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('lines[0].quantity: must be more than zero');
    const malformed = await uplink('quotes', 'create', '--customer', customerId, '--item', visitId);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('must be <item-id>:<quantity>');
    const unknown = await uplink('quotes', 'show', '0b6f1c1e-5d2a-4c55-9a57-1d7e1b2f9c30');
    expect(unknown.code).toBe(4);
    expect(await quoteCount()).toBe(before);
  });
});
