// What recording readings needs to know about their meters, read under a lock: the meters
// themselves, each one's latest stored reading, and any reading already stored at the times
// the call names. The lock (FOR UPDATE on the meter rows, in id order so two calls never wait on
// each other crosswise) makes a second call on the same meter wait, then see this call's readings.
import { desc, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../../db/records/transaction.js';
import { meterReadings, meters } from '../../../db/schema.js';
import type { Meter } from './meters.js';
import { readAtCanonical } from './reading-rows.js';

export interface StoredReading {
  readAt: string;
  value: string;
}

export interface MeterState {
  meters: Map<string, Meter>;
  latest: Map<string, StoredReading>;
  /** Keyed by `readingKey(meterId, readAt)`. */
  existing: Map<string, StoredReading>;
}

export const readingKey = (meterId: string, readAt: string) => `${meterId} ${readAt}`;

export async function lockMeterState(tx: Transaction, meterIds: string[], times: { meterId: string; readAt: string }[]): Promise<MeterState> {
  const locked = meterIds.length === 0 ? [] : await tx.select().from(meters).where(inArray(meters.id, meterIds)).orderBy(meters.id).for('update');
  const found = new Map(locked.map((meter) => [meter.id, meter]));
  const ids = [...found.keys()];
  const latestRows =
    ids.length === 0
      ? []
      : await tx
          .selectDistinctOn([meterReadings.meterId], { meterId: meterReadings.meterId, readAt: readAtCanonical, value: meterReadings.value })
          .from(meterReadings)
          .where(inArray(meterReadings.meterId, ids))
          .orderBy(meterReadings.meterId, desc(meterReadings.readAt));
  const wanted = times.filter((time) => found.has(time.meterId)).map((time) => ({ meter_id: time.meterId, read_at: time.readAt }));
  const existingRows =
    wanted.length === 0
      ? []
      : await tx
          .select({ meterId: meterReadings.meterId, readAt: readAtCanonical, value: meterReadings.value })
          .from(meterReadings)
          .where(
            sql`(${meterReadings.meterId}, ${meterReadings.readAt}) in (
              select k.meter_id, k.read_at from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as k(meter_id uuid, read_at timestamptz))`,
          );
  return {
    meters: found,
    latest: new Map(latestRows.map((row) => [row.meterId, { readAt: row.readAt, value: row.value }])),
    existing: new Map(existingRows.map((row) => [readingKey(row.meterId, row.readAt), { readAt: row.readAt, value: row.value }])),
  };
}
