// Stores many readings at once. One JSON parameter per statement, unpacked by
// jsonb_to_recordset: no limit on the number of bind parameters (drizzle's multi-row insert
// stops at 65,534), and a batch of thousands is one round trip.
import { sql } from 'drizzle-orm';
import type { Transaction } from '../../../db/records/transaction.js';

export interface NewReadingRow {
  meterId: string;
  /** Canonical UTC (read-at.ts). */
  readAt: string;
  value: string;
  consumption: string;
  replacement: boolean;
  ref: string | null;
}

const BATCH_SIZE = 5_000;

export async function insertReadings(tx: Transaction, rows: NewReadingRow[], source: 'manual' | 'api' | 'import'): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const batch = rows.slice(start, start + BATCH_SIZE).map((row) => ({
      meter_id: row.meterId,
      read_at: row.readAt,
      value: row.value,
      consumption: row.consumption,
      replacement: row.replacement,
      ref: row.ref,
    }));
    await tx.execute(sql`
      insert into meter_readings (meter_id, read_at, value, consumption, replacement, ref, source)
      select r.meter_id, r.read_at, r.value, r.consumption, r.replacement, r.ref, ${source}
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as r(meter_id uuid, read_at timestamptz, value numeric, consumption numeric, replacement boolean, ref text)`);
  }
}
