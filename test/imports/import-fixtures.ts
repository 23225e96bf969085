// What the import tests share: a database of their own with customers and meters, files written
// into a temporary folder (never committed), and the readings an import stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { customers, meterReadings, meters } from '../../db/schema.js';
import type { ServiceContext } from '../../server/services/context.js';

/** The import services never reach Temporal; the context's client is there for other services. */
export function importContext(db: Database): ServiceContext {
  return { db, temporal: undefined as unknown as ServiceContext['temporal'] };
}

export interface MeterSetup {
  unit: string;
  kind: 'cumulative' | 'delta';
  key?: string;
  registerMax?: string;
  base?: 1000 | 1024;
}

export async function insertCustomerWithMeters(db: Database, email: string, setups: MeterSetup[]) {
  const [customer] = await db.insert(customers).values({ name: email.split('@')[0] ?? email, email, currency: 'EUR', status: 'active' }).returning();
  const created = [];
  for (const setup of setups) {
    const [meter] = await db
      .insert(meters)
      .values({
        customerId: customer!.id,
        key: setup.key ?? setup.kind,
        unit: setup.unit,
        kind: setup.kind,
        base: setup.base ?? 1000,
        registerMax: setup.registerMax ?? null,
      })
      .returning();
    created.push(meter!);
  }
  return { customer: customer!, meters: created };
}

export function bytesOf(content: string | Uint8Array): AsyncIterable<Uint8Array> {
  return Readable.from([typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)]);
}

export function temporaryFolder(): { path: string; file(name: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'uplink-import-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function storedReadings(db: Database, meterId: string) {
  return db
    .select({
      readAt: sql<string>`to_char(${meterReadings.readAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      value: sql<string>`${meterReadings.value}::text`,
      consumption: sql<string>`${meterReadings.consumption}::text`,
      source: meterReadings.source,
      importId: meterReadings.importId,
    })
    .from(meterReadings)
    .where(eq(meterReadings.meterId, meterId))
    .orderBy(asc(meterReadings.readAt));
}

export async function readingCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(meterReadings);
  return row?.n ?? 0;
}
