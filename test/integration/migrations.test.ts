// The committed migrations build the schema from an empty database, and running them again
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { databaseUrl, dropDatabase, withAdmin } from '../support/postgres-admin.js';

const name = `uplink_test_empty_${process.pid}`;
let handle: DatabaseHandle;
let sql: postgres.Sql;

beforeAll(async () => {
  await withAdmin(async (admin) => {
    await dropDatabase(admin, name);
    await admin.unsafe(`create database "${name}"`);
  });
  handle = await openDatabase({ databaseUrl: databaseUrl(name), dataDir: '' });
  sql = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await handle?.close();
  await withAdmin((admin) => dropDatabase(admin, name));
});

async function tables(): Promise<string[]> {
  const rows = await sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`;
  return rows.map((row) => row.table_name as string);
}

describe('migrations on an empty Postgres database', () => {
  it('create every table, the ledger triggers and the default chart of accounts', async () => {
    expect(await tables()).toEqual([]);
    await migrateDatabase(handle);

    expect(await tables()).toEqual([
      'account_handoff_sequences',
      'accounts',
      'api_keys',
      'bank_statement_rows',
      'billing_settings',
      'credit_note_lines',
      'credit_notes',
      'customer_collections',
      'customer_rates',
      'customer_sign_in_requests',
      'customer_sign_in_tokens',
      'customers',
      'document_number_series',
      'dunning_episodes',
      'dunning_events',
      'dunning_policies',
      'dunning_policy_versions',
      'email_messages',
      'gateway_balance_movements',
      'gateway_events',
      'idempotent_requests',
      'inbound_messages',
      'invoice_lines',
      'invoices',
      'items',
      'journal_entries',
      'journal_lines',
      'meter_readings',
      'meters',
      'nas',
      'network_requests',
      'payment_allocations',
      'payment_attempt_holds',
      'payment_attempts',
      'payment_methods',
      'payments',
      'penalty_charges',
      'penalty_classes',
      'penalty_rules',
      'plan_network_profiles',
      'plans',
      'quote_lines',
      'quotes',
      'radacct',
      'radcheck',
      'radgroupcheck',
      'radgroupreply',
      'radreply',
      'radusergroup',
      'rated_usage',
      'rates',
      'reading_import_chunks',
      'reading_import_mappings',
      'reading_import_rows',
      'reading_imports',
      'reference_rate_values',
      'reference_rates',
      'refunds',
      'service_accounts',
      'sign_in_attempts',
      'staff_users',
      'subscriptions',
      'system_flags',
      'workflow_handoffs',
    ]);
    const triggers = await sql`select tgname from pg_trigger where not tgisinternal order by 1`;
    expect(triggers.map((t) => t.tgname)).toEqual([
      'journal_entries_append_only',
      'journal_entries_have_lines',
      'journal_lines_append_only',
      'journal_lines_balance',
      'payment_allocations_append_only',
    ]);
    const accounts = await sql`select code, type from accounts order by code`;
    expect(accounts.map((a) => `${a.code}:${a.type}`)).toEqual([
      '1000:asset',
      '1050:asset',
      '1100:asset',
      '2100:liability',
      '2200:liability',
      '2300:liability',
      '4000:income',
      '4100:income',
      '4200:income',
      '4300:income',
      '4900:income',
      '6100:expense',
    ]);
  });

  it('apply once: a second run and a concurrent run change nothing', async () => {
    await Promise.all([migrateDatabase(handle), migrateDatabase(handle)]);
    const applied = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
    const files = (await import('../../db/migrations/meta/_journal.json', { with: { type: 'json' } })).default.entries;
    expect(applied[0]?.n).toBe(files.length);
    const [{ n }] = (await sql`select count(*)::int as n from accounts`) as unknown as [{ n: number }];
    expect(n).toBe(12);
  });
});
