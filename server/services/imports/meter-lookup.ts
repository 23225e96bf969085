// Every meter an import may name, loaded once before the rows stream past, so checking a row
// is a map lookup and never a query.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { customers, meters } from '../../../db/schema.js';

export interface ImportMeter {
  id: string;
  customerId: string;
  key: string;
  unit: string;
  base: 1000 | 1024;
  kind: 'cumulative' | 'delta';
  registerMax: string | null;
}

export interface MeterLookup {
  byId(id: string): ImportMeter | undefined;
  /** The customer an id or email address names (emails ignore case). */
  customerId(idOrEmail: string): string | undefined;
  byCustomerKey(customerId: string, key: string): ImportMeter | undefined;
  meter(id: string): ImportMeter;
}

export async function loadMeterLookup(db: Database, withCustomers: boolean): Promise<MeterLookup> {
  const rows = await db
    .select({
      id: meters.id,
      customerId: meters.customerId,
      key: meters.key,
      unit: meters.unit,
      base: meters.base,
      kind: meters.kind,
      registerMax: sql<string | null>`${meters.registerMax}::text`,
    })
    .from(meters);
  const byId = new Map<string, ImportMeter>();
  const byCustomerKey = new Map<string, ImportMeter>();
  for (const row of rows) {
    const meter: ImportMeter = { ...row, base: row.base === 1024 ? 1024 : 1000 };
    byId.set(meter.id, meter);
    byCustomerKey.set(`${meter.customerId}\n${meter.key}`, meter);
  }
  const customerIds = new Set<string>();
  const byEmail = new Map<string, string>();
  if (withCustomers) {
    const people = await db.select({ id: customers.id, email: customers.email }).from(customers);
    for (const person of people) {
      customerIds.add(person.id);
      byEmail.set(person.email.toLowerCase(), person.id);
    }
  }
  return {
    byId: (id) => byId.get(id.toLowerCase()),
    customerId: (idOrEmail) => {
      const text = idOrEmail.trim().toLowerCase();
      return customerIds.has(text) ? text : byEmail.get(text);
    },
    byCustomerKey: (customerId, key) => byCustomerKey.get(`${customerId}\n${key}`),
    meter: (id) => {
      const meter = byId.get(id);
      if (!meter) throw new Error(`meter ${id} is not among the meters loaded for the import`);
      return meter;
    },
  };
}
