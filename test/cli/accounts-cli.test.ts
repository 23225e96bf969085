// `uplink accounts` as a script runs it, against a Postgres database of its own: --json prints
// the REST API's shape, and a refused code exits 3 naming the field and stores nothing.
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../db/schema.js';
import { accountWire } from '../../server/views/account-json.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { jsonOf, runUplink } from './run-uplink.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.dispose());

const uplink = (args: string[]) => runUplink(args, { env: { DATABASE_URL: database.url } });
const accountCount = async () => (await database.handle.db.select({ n: count() }).from(accounts))[0]?.n ?? 0;

describe('uplink accounts', () => {
  it('creates an account and lists the chart with it', async () => {
    const created = jsonOf(await uplink(['accounts', 'create', '--code', '6500', '--name', 'Rent', '--type', 'expense', '--json']));
    expect(accountWire.strict().safeParse(created).error?.issues ?? []).toEqual([]);
    expect(created).toMatchObject({ code: '6500', name: 'Rent', type: 'expense', balances: [] });

    const listed = jsonOf<{ items: { code: string }[] }>(await uplink(['accounts', 'list', '--json']));
    expect(listed.items.map((account) => account.code)).toEqual(expect.arrayContaining(['1100', '4000', '6500']));

    const table = await uplink(['accounts', 'list']);
    expect(table.stdout).toContain('Rent');
  });

  it('refuses a malformed code, naming it, and stores nothing', async () => {
    const before = await accountCount();
    const result = await uplink(['accounts', 'create', '--code', 'x1', '--name', 'Bad', '--type', 'income']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('code');
    expect(await accountCount()).toBe(before);
  });
});
