// A test database with FreeRADIUS running against it, and customers on a plan with a network
// profile and a service account, as billing and provisioning would leave them.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { customers, plans, subscriptions } from '../../db/schema.js';
import { nas } from '../../db/schema/network.js';
import { savePlanNetworkProfile } from '../../network/plan-network-profiles.js';
import { provisionServiceAccount } from '../../network/service-accounts.js';
import { startFreeRadius, type FreeRadius } from '../support/freeradius.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

export interface NetworkWorld {
  database: TestDatabase;
  radius: FreeRadius;
  planId: string;
  dispose(): Promise<void>;
}

export const PLAN_RATE_LIMIT = '10M/50M';
export const PLAN_POOL = 'pool-fibre-100';

export async function createNetworkWorld(): Promise<NetworkWorld> {
  const database = await createTestDatabase();
  const radius = await startFreeRadius(database.url);
  const db = database.handle.db;
  const [plan] = await db.insert(plans).values({ name: 'Fibre 100', amountMinor: 3900n, currency: 'EUR', interval: 'month' }).returning();
  await db.transaction((tx) => savePlanNetworkProfile(tx, { planId: plan!.id, rateLimit: PLAN_RATE_LIMIT, addressPool: PLAN_POOL }));
  // The stand-in NAS: sessions it reports (NAS-IP-Address 127.0.0.1) are reached at its CoA port.
  await db.insert(nas).values({ nasname: '127.0.0.1', shortname: 'stand-in', secret: radius.secret, ports: radius.nasPort });
  return {
    database,
    radius,
    planId: plan!.id,
    async dispose() {
      await radius.stop();
      await database.dispose();
    },
  };
}

export interface ServiceCustomer {
  customerId: string;
  username: string;
  password: string;
}

/** A customer subscribed to the world's plan, with service credentials (desired state active). */
export async function serviceCustomer(world: NetworkWorld, name: string): Promise<ServiceCustomer> {
  const db = world.database.handle.db;
  const suffix = randomBytes(3).toString('hex');
  const username = `${name.toLowerCase()}-${suffix}@fibre`;
  const password = `pw ${name} ${suffix} !`;
  const [customer] = await db.insert(customers).values({ name, email: `${name.toLowerCase()}-${suffix}@example.net`, currency: 'EUR', status: 'active' }).returning();
  await db.insert(subscriptions).values({ customerId: customer!.id, planId: world.planId, startDate: '2026-11-01', anchorDay: 1 });
  await db.transaction((tx) => provisionServiceAccount(tx, customer!.id, username, password));
  return { customerId: customer!.id, username, password };
}

/** Every text column anywhere in the database holding `needle`, as `table.column`. */
export async function columnsContaining(world: NetworkWorld, needle: string): Promise<string[]> {
  const client = postgres(world.database.url, { max: 1, onnotice: () => {} });
  try {
    const columns = await client<{ table: string; column: string }[]>`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json')`;
    const found: string[] = [];
    for (const { table, column } of columns) {
      const [row] = await client<{ n: number }[]>`select count(*)::int as n from ${client(table)} where ${client(column)}::text like ${`%${needle}%`}`;
      if (row!.n > 0) found.push(`${table}.${column}`);
    }
    return found;
  } finally {
    await client.end({ timeout: 5 });
  }
}

