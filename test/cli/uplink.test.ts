// The `uplink` command against the real stack: a Postgres database of its own, a real Temporal
// dev server with a worker billing in real time. Each command runs as a child process; its
// --json output is checked against the database, its human output for the rows a person reads.
import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { pageOf } from '../../portal/api/wire-schemas.server.js';
import { customerDetailWire, customerWire } from '../../server/views/customer-json.js';
import { invoiceDocumentWire, invoiceWire } from '../../server/views/invoice-json.js';
import { planWire } from '../../server/views/plan-json.js';
import { customers, invoices, plans, staffUsers, subscriptions } from '../../db/schema.js';
import { authenticateApiKey } from '../../server/services/access/api-keys.js';
import { signIn } from '../../server/services/access/staff.js';
import { DEMO_STAFF } from '../../server/staff-bootstrap.js';
import { eventually } from '../support/eventually.js';
import { createWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness.js';
import { jsonOf, runUplink } from './run-uplink.js';

let stack: WorkflowHarness;
let worker: Worker;
let working: Promise<void>;
let env: Record<string, string>;

beforeAll(async () => {
  stack = await createWorkflowHarness('local');
  worker = await stack.worker();
  working = worker.run();
  env = { DATABASE_URL: stack.database.url, TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_NAMESPACE: stack.env.namespace ?? 'default' };
});

afterAll(async () => {
  worker?.shutdown();
  await working;
  await stack?.dispose();
});

const uplink = (...args: string[]) => runUplink(args, { env });
const db = () => stack.ctx.db;

interface PlanJson {
  id: string;
  name: string;
  amount: { amountMinor: string; currency: string };
  interval: string;
}

/** --json prints what the REST API answers: its response schema, with no key more or less. */
function expectApiShape(schema: z.ZodObject, value: unknown): void {
  expect(schema.strict().safeParse(value).error?.issues ?? []).toEqual([]);
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('uplink demo seed', () => {
  // First in the file: the demo staff account is only added to an installation without staff.
  it('seeds the demo data and staff account once, however often it runs', async () => {
    const first = jsonOf<{ dataSeeded: boolean; created: string[]; demoStaff: { created: boolean } }>(await uplink('demo', 'seed', '--json'));
    expect(first.dataSeeded).toBe(true);
    expect(first.demoStaff.created).toBe(true);
    expect(first.created.filter((line) => line.startsWith('demo customer '))).toHaveLength(4);
    expect(first.created.filter((line) => /^demo one-off invoice INV-\d{4}-\d{6} for Ada Lovelace$/.test(line))).toHaveLength(1);
    expect(first.created.filter((line) => /^demo quote Q-\d{4}-\d{6} sent to /.test(line))).toHaveLength(2);

    const again = await uplink('demo', 'seed');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing added');

    const [demoPlans] = await db().select({ n: count() }).from(plans).where(eq(plans.name, 'Home Fibre 300'));
    const [demoCustomers] = await db().select({ n: count() }).from(customers).where(eq(customers.email, 'ada@example.net'));
    expect(demoPlans?.n).toBe(1);
    expect(demoCustomers?.n).toBe(1);
    const signedIn = await signIn(stack.ctx, { email: DEMO_STAFF.email, password: DEMO_STAFF.password, clientAddress: 'test' });
    expect(signedIn.outcome).toBe('signed-in');
  });
});

describe('uplink plans', () => {
  it('creates a plan and lists it, as JSON and as a table', async () => {
    const created = jsonOf<PlanJson>(await uplink('plans', 'create', '--name', 'Fibre 500', '--amount', '4950', '--currency', 'EUR', '--interval', 'month', '--json'));
    expect(created).toMatchObject({ name: 'Fibre 500', amount: { amountMinor: '4950', currency: 'EUR' }, interval: 'month' });
    const [stored] = await db().select().from(plans).where(eq(plans.id, created.id));
    expect(stored).toMatchObject({ name: 'Fibre 500', amountMinor: 4950n, currency: 'EUR', interval: 'month' });

    const [listed, table] = await Promise.all([uplink('plans', 'list', '--json', '--limit', '100'), uplink('plans', 'list')]);
    expect(jsonOf<{ items: PlanJson[] }>(listed).items).toContainEqual(expect.objectContaining({ id: created.id, amount: created.amount }));
    expectApiShape(planWire, created);
    expectApiShape(pageOf(planWire.strict()), jsonOf(listed));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+PRICE\s+INTERVAL/);
    expect(table.stdout).toMatch(new RegExp(`${created.id}\\s+Fibre 500\\s+€49\\.50\\s+month`));
  });

  it('refuses invalid input with one line per field and exit code 3, storing nothing', async () => {
    const [before] = await db().select({ n: count() }).from(plans);
    const refused = await uplink('plans', 'create', '--name', 'Bad', '--amount', '12.50', '--currency', 'eur', '--interval', 'month');
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('error: amount: must be a whole number of minor units');
    expect(refused.stderr).toContain('error: currency: must be a 3-letter ISO 4217 code');
    const [after] = await db().select({ n: count() }).from(plans);
    expect(after?.n).toBe(before?.n);
  });

  it('exits 2 on usage errors: unknown command or option, missing required option', async () => {
    const [unknownCommand, unknownOption, missing, bare] = await Promise.all([
      uplink('plans', 'delete'),
      uplink('plans', 'list', '--colour', 'red'),
      uplink('plans', 'create', '--name', 'No price'),
      uplink(),
    ]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "plans delete"');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("Unknown option '--colour'");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing required options --amount, --currency, --interval');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Exit codes:');
    const [noPrice] = await db().select({ n: count() }).from(plans).where(eq(plans.name, 'No price'));
    expect(noPrice?.n).toBe(0);
  });
});

describe('uplink customers and invoices', () => {
  it('creates a back-dated customer whose workflow bills them, then lists, shows and reads their invoices', async () => {
    const plan = jsonOf<PlanJson>(await uplink('plans', 'create', '--name', 'CLI Fibre', '--amount', '3000', '--currency', 'EUR', '--interval', 'month', '--json'));
    // Two whole months ago and more: two periods have ended and are billed (in arrears).
    const startDate = new Date(Date.now() - 70 * 86_400_000).toISOString().slice(0, 10);
    const created = jsonOf<{ id: string; status: string; subscription: { planId: string; startDate: string } }>(
      await uplink('customers', 'create', '--name', 'Marie Curie', '--email', 'marie@example.org', '--currency', 'EUR',
        '--plan-id', plan.id, '--start-date', startDate, '--json'),
    );
    expect(created).toMatchObject({ status: 'active', subscription: { planId: plan.id, startDate } });
    expectApiShape(customerWire, created);
    const [subscription] = await db().select().from(subscriptions).where(eq(subscriptions.customerId, created.id));
    expect(subscription).toMatchObject({ planId: plan.id, startDate, status: 'active' });

    // The worker bills the missed periods in real time.
    const billed = await eventually(async () => {
      const rows = await db().select().from(invoices).where(eq(invoices.customerId, created.id));
      if (rows.length < 2) throw new Error(`${rows.length} invoices so far`);
      return rows;
    }, { what: 'the back-dated invoices' });
    const newest = billed.reduce((a, b) => (a.number > b.number ? a : b));

    const [listJson, listTable, invoicesJson, invoicesTable, invoiceJson, invoiceText] = await Promise.all([
      uplink('customers', 'list', '--search', 'curie', '--json'),
      uplink('customers', 'list', '--search', 'curie'),
      uplink('invoices', 'list', '--customer', created.id, '--json'),
      uplink('invoices', 'list', '--customer', created.id),
      uplink('invoices', 'show', newest.id, '--json'),
      uplink('invoices', 'show', newest.id),
    ]);

    const listed = jsonOf<{ items: { id: string; balance: { amountMinor: string; currency: string } }[] }>(listJson);
    expect(listed.items.map((item) => item.id)).toEqual([created.id]);
    expect(listed.items[0]?.balance.currency).toBe('EUR');
    expectApiShape(pageOf(customerWire.strict()), listed);
    expect(listTable.stdout).toMatch(new RegExp(`${created.id}\\s+Marie Curie\\s+marie@example.org\\s+active\\s+CLI Fibre\\s+€[\\d,.]+`));

    // Right after its backlog the workflow continues as new; its live status settles a moment later.
    await eventually(async () => {
      const [showJson, showText] = await Promise.all([uplink('customers', 'show', created.id, '--json'), uplink('customers', 'show', created.id)]);
      const shown = jsonOf<{ id: string; workflow: { available: boolean; workflowId: string; status?: { status: string } } }>(showJson);
      expect(shown.workflow).toMatchObject({ available: true, workflowId: `customer/${created.id}`, status: { status: 'active' } });
      expectApiShape(customerDetailWire, shown);
      expect(showText.stdout).toContain('Marie Curie');
      expect(showText.stdout).toMatch(/live status\s+active/);
    }, { what: 'the live status of the account' });

    const listedInvoices = jsonOf<{ items: { id: string; number: string; total: { amountMinor: string; currency: string } }[] }>(invoicesJson);
    expect(listedInvoices.items.map((invoice) => invoice.id).sort()).toEqual(billed.map((invoice) => invoice.id).sort());
    for (const invoice of billed) {
      expect(listedInvoices.items).toContainEqual(expect.objectContaining({
        number: invoice.number,
        total: { amountMinor: invoice.totalMinor.toString(), currency: 'EUR' },
      }));
    }
    expect(invoicesTable.stdout).toMatch(new RegExp(`${newest.number}\\s+${newest.id}\\s+issued`));
    expectApiShape(pageOf(invoiceWire.strict()), listedInvoices);

    const document = jsonOf<{ number: string; lines: { description: string; amount: { amountMinor: string } }[] }>(invoiceJson);
    expect(document.number).toBe(newest.number);
    expectApiShape(invoiceDocumentWire, document);
    expect(document.lines.length).toBeGreaterThan(0);
    expect(invoiceText.stdout).toContain(`Invoice ${newest.number}`);
    expect(invoiceText.stdout).toMatch(/Total\s+€30\.00/);
  });

  it('refuses invalid customers naming each field (exit 3), and unknown ids (exit 4), storing nothing', async () => {
    const yen = jsonOf<PlanJson>(await uplink('plans', 'create', '--name', 'Yen plan', '--amount', '5000', '--currency', 'JPY', '--interval', 'month', '--json'));
    const unknownId = randomUUID();
    const [invalid, wrongCurrency, badDay, showUnknown, invoicesUnknown, invoiceUnknown] = await Promise.all([
      uplink('customers', 'create', '--name', 'Bad Input', '--email', 'not-an-email', '--currency', 'euro'),
      uplink('customers', 'create', '--name', 'Wrong Currency', '--email', 'wrong@example.org', '--currency', 'EUR', '--plan-id', yen.id),
      uplink('customers', 'create', '--name', 'Bad Day', '--email', 'day@example.org', '--currency', 'EUR', '--billing-day', 'first'),
      uplink('customers', 'show', unknownId),
      uplink('invoices', 'list', '--customer', unknownId),
      uplink('invoices', 'show', unknownId),
    ]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain('error: email: must be an email address');
    expect(invalid.stderr).toContain('error: currency: must be a 3-letter ISO 4217 code');
    expect(wrongCurrency.code).toBe(3);
    expect(wrongCurrency.stderr).toContain('error: planId (--plan-id): plan is priced in JPY, the customer is billed in EUR');
    expect(badDay.code).toBe(3);
    expect(badDay.stderr).toContain('error: billingDay (--billing-day): must be a whole number');
    for (const name of ['Bad Input', 'Wrong Currency', 'Bad Day']) {
      const [stored] = await db().select({ n: count() }).from(customers).where(eq(customers.name, name));
      expect(stored?.n, name).toBe(0);
    }
    expect(showUnknown.code).toBe(4);
    expect(showUnknown.stderr).toBe(`error: customer ${unknownId} does not exist\n`);
    expect(invoicesUnknown.code).toBe(4);
    expect(invoiceUnknown.code).toBe(4);
    expect(invoiceUnknown.stderr).toBe(`error: invoice ${unknownId} does not exist\n`);
  });
});

describe('uplink api-keys', () => {
  it('prints a working token once; list never shows it; revoke makes it fail', async () => {
    const created = jsonOf<{ apiKey: { id: string; prefix: string }; token: string }>(await uplink('api-keys', 'create', '--name', 'CRM sync', '--json'));
    expect(await authenticateApiKey(stack.ctx, created.token)).toMatchObject({ id: created.apiKey.id, name: 'CRM sync' });

    const [listed, listedJson] = await Promise.all([uplink('api-keys', 'list'), uplink('api-keys', 'list', '--json')]);
    expect(listed.stdout).toMatch(new RegExp(`${created.apiKey.prefix}\\s+CRM sync`));
    expect(listed.stdout).not.toContain(created.token);
    expect(listedJson.stdout).not.toContain(created.token);

    const revoked = await uplink('api-keys', 'revoke', created.apiKey.prefix);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('"CRM sync"');
    expect(await authenticateApiKey(stack.ctx, created.token)).toBeNull();

    const unknown = await uplink('api-keys', 'revoke', 'ffffffffffff');
    expect(unknown.code).toBe(4);
  });
});

describe('uplink staff create', () => {
  it('creates an account from a password on stdin that can sign in', async () => {
    const password = 'a long staff password';
    const created = await runUplink(['staff', 'create', '--email', 'Noether@ISP.test', '--name', 'Emmy Noether', '--password-stdin'], { env, stdin: `${password}\n` });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('noether@isp.test');
    const result = await signIn(stack.ctx, { email: 'noether@isp.test', password, clientAddress: 'test' });
    expect(result.outcome).toBe('signed-in');

    const [duplicate, short, noPassword] = await Promise.all([
      runUplink(['staff', 'create', '--email', 'noether@isp.test', '--name', 'Again', '--password-stdin'], { env, stdin: password }),
      runUplink(['staff', 'create', '--email', 'short@isp.test', '--name', 'Short', '--password-stdin'], { env, stdin: 'short' }),
      runUplink(['staff', 'create', '--email', 'nopass@isp.test', '--name', 'No Password'], { env }),
    ]);
    expect(duplicate.code).toBe(3);
    expect(duplicate.stderr).toContain('error: email: already has a staff account');
    expect(short.code).toBe(3);
    expect(short.stderr).toContain('error: password: must be at least 12 characters');
    // Not a terminal, so no prompt: the password must come through --password-stdin, never argv.
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('--password-stdin');
    const [stored] = await db().select({ n: count() }).from(staffUsers).where(eq(staffUsers.email, 'short@isp.test'));
    expect(stored?.n).toBe(0);
  });
});

describe('uplink when a service is unavailable', () => {
  it('exits 1 explaining that Temporal is unreachable, while commands that do not need it work', async () => {
    const down = { ...env, TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}` };
    const [create, list] = await Promise.all([
      runUplink(['customers', 'create', '--name', 'Unbilled', '--email', 'unbilled@example.org', '--currency', 'EUR'], { env: down }),
      runUplink(['plans', 'list', '--json'], { env: down }),
    ]);
    expect(create.code).toBe(1);
    expect(create.stderr).toContain(`error: cannot reach Temporal at ${down.TEMPORAL_ADDRESS}`);
    expect(create.stderr).toContain('TEMPORAL_ADDRESS');
    const [stored] = await db().select({ n: count() }).from(customers).where(eq(customers.email, 'unbilled@example.org'));
    expect(stored?.n).toBe(0);
    expect(jsonOf<{ items: unknown[] }>(list).items.length).toBeGreaterThan(0);
  });

  it('exits 1 when the database is unreachable, never printing its password', async () => {
    const url = `postgres://uplink:s3cret-pw@127.0.0.1:${await closedPort()}/uplink`;
    const run = await runUplink(['plans', 'list'], { env: { ...env, DATABASE_URL: url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot open the database');
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).not.toContain('s3cret-pw');
  });

  it('refuses the embedded database while another process holds it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplink-cli-locked-'));
    try {
      await mkdir(join(dataDir, 'pglite'));
      // This test process stands in for a running `npm start`.
      await writeFile(join(dataDir, 'pglite', 'uplink.lock'), String(process.pid));
      const run = await runUplink(['plans', 'list'], { env: { UPLINK_DATA_DIR: dataDir, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the embedded database in ${join(dataDir, 'pglite')} is in use by process ${process.pid}`);
      expect(run.stderr).toContain('DATABASE_URL');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
