// The ledger's rules are the database's, not only the code's: raw SQL cannot store an unbalanced
// or one-sided entry, nor rewrite history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  sql = postgres(database.url, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await database?.dispose();
});

async function postEntry(lines: { account: string; amount: number; currency?: string }[]) {
  await sql.begin(async (tx) => {
    const [entry] = await tx`
      insert into journal_entries (entry_date, description, source_type, source_id)
      values ('2026-01-31', 'test entry', 'test', gen_random_uuid()) returning id`;
    for (const line of lines) {
      await tx`
        insert into journal_lines (entry_id, account_code, amount_minor, currency)
        values (${entry!.id}, ${line.account}, ${line.amount}, ${line.currency ?? 'EUR'})`;
    }
  });
}

async function entryCount(): Promise<number> {
  const [row] = await sql`select count(*)::int as n from journal_entries`;
  return row!.n as number;
}

describe('ledger rules enforced by Postgres', () => {
  it('stores a balanced entry', async () => {
    await postEntry([
      { account: '1100', amount: 4900 },
      { account: '4000', amount: -4900 },
    ]);
    expect(await entryCount()).toBe(1);
  });

  it('rejects an entry whose lines do not sum to zero, and stores none of it', async () => {
    const before = await entryCount();
    await expect(
      postEntry([
        { account: '1100', amount: 4900 },
        { account: '4000', amount: -4800 },
      ]),
    ).rejects.toThrow(/does not balance: EUR lines sum to 100/);
    expect(await entryCount()).toBe(before);
  });

  it('rejects an entry that balances in one currency but not in another', async () => {
    await expect(
      postEntry([
        { account: '1100', amount: 100, currency: 'EUR' },
        { account: '4000', amount: -100, currency: 'USD' },
      ]),
    ).rejects.toThrow(/does not balance/);
  });

  it('rejects an entry with a single line or none', async () => {
    await expect(postEntry([{ account: '1100', amount: 100 }])).rejects.toThrow(/at least two/);
    await expect(postEntry([])).rejects.toThrow(/at least two/);
  });

  it('refuses to edit or delete posted lines', async () => {
    await expect(sql`update journal_lines set amount_minor = amount_minor + 1`).rejects.toThrow(/append-only/);
    await expect(sql`delete from journal_entries`).rejects.toThrow(/append-only/);
  });
});
