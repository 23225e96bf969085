// Upgrading a database from before due dates (migration 0010): every invoice already issued falls
// due on max(issue date, upgrade day) + 14, so the upgrade makes nothing overdue at once.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, maxIsoDate } from '../../billing/calendar.js';
import { isOverdue } from '../../billing/payments/payment-status.js';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../../db/migrate.js';
import { databaseUrl, dropDatabase, withAdmin } from '../support/postgres-admin.js';

const name = `uplink_test_due_upgrade_${process.pid}`;
/** The last migration before due dates. */
const BEFORE_DUE_DATES = '0009_billing_blocked';

let folder: string;
let handle: DatabaseHandle;
let sql: postgres.Sql;

/** The committed migrations up to and including `lastTag`, as a folder drizzle's migrator reads. */
function migrationsUpTo(lastTag: string): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  const entries = journal.entries.slice(0, last + 1);
  const target = mkdtempSync(join(tmpdir(), 'uplink-migrations-'));
  for (const entry of entries) cpSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(target, `${entry.tag}.sql`));
  cpSync(join(MIGRATIONS_FOLDER, 'meta'), join(target, 'meta'), { recursive: true });
  writeFileSync(join(target, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return target;
}

beforeAll(async () => {
  await withAdmin(async (admin) => {
    await dropDatabase(admin, name);
    await admin.unsafe(`create database "${name}"`);
  });
  folder = migrationsUpTo(BEFORE_DUE_DATES);
  sql = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
  handle = await openDatabase({ databaseUrl: databaseUrl(name), dataDir: '' });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await handle?.close();
  await withAdmin((admin) => dropDatabase(admin, name));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function databaseToday(): Promise<string> {
  const [row] = await sql`select current_date::text as today`;
  return row!.today as string;
}

describe('upgrading to due dates', () => {
  it('gives invoices issued before the upgrade a due date of max(issue date, upgrade day) + 14', async () => {
    await migrate(drizzle(sql), { migrationsFolder: folder });
    const columns = await sql`select column_name from information_schema.columns where table_name = 'invoices' and column_name = 'due_date'`;
    expect(columns).toHaveLength(0);

    const before = await databaseToday();
    const [customer] = await sql`insert into customers (name, email, currency, status) values ('Ada Lovelace', 'ada@example.net', 'EUR', 'active') returning id`;
    const issued = {
      // Long unpaid: due from its issue date it would be a year overdue the moment the upgrade ran.
      'INV-2025-000001': '2025-03-31',
      // Issued days before the upgrade.
      'INV-2026-000001': addDays(before, -3),
      // Dated after the upgrade day: its own date counts.
      'INV-2026-000002': addDays(before, 30),
    };
    for (const [number, issueDate] of Object.entries(issued)) {
      await sql`insert into invoices (number, customer_id, kind, issue_date, currency, total_minor)
                values (${number}, ${customer!.id}, 'one_off', ${issueDate}, 'EUR', 4900)`;
    }

    await migrateDatabase(handle);
    const after = await databaseToday();

    const rows = await sql`select number, issue_date::text as issue, due_date::text as due from invoices order by number`;
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      // The upgrade day is the database's today while the migration ran (it may cross midnight).
      const expected = [before, after].map((upgradeDay) => addDays(maxIsoDate(row.issue as string, upgradeDay), 14));
      expect(expected, row.number as string).toContain(row.due);
      // Nothing is overdue on the upgrade day, nor on the last day of the new terms.
      expect(isOverdue(row.due as string, 4900n, after), row.number as string).toBe(false);
      expect(isOverdue(row.due as string, 4900n, addDays(after, 14)), row.number as string).toBe(false);
    }
    const byNumber = Object.fromEntries(rows.map((row) => [row.number as string, row.due as string]));
    // The year-old invoice and the recent one fall due together, 14 days after the upgrade.
    expect(byNumber['INV-2025-000001']).toBe(byNumber['INV-2026-000001']);
    expect(byNumber['INV-2026-000002']).toBe(addDays(issued['INV-2026-000002'], 14));

    const [nullable] = await sql`select is_nullable from information_schema.columns where table_name = 'invoices' and column_name = 'due_date'`;
    expect(nullable!.is_nullable).toBe('NO');
  });
});
