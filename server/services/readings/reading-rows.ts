// How stored readings are read back: the time in the canonical UTC spelling of read-at.ts, so a
// reading's time compares and prints the same whatever the database session's time zone is.
import { sql } from 'drizzle-orm';
import { meterReadings } from '../../../db/schema.js';

export const readAtCanonical = sql<string>`to_char(${meterReadings.readAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const readingColumns = {
  id: meterReadings.id,
  meterId: meterReadings.meterId,
  readAt: readAtCanonical,
  value: meterReadings.value,
  consumption: meterReadings.consumption,
  replacement: meterReadings.replacement,
  ref: meterReadings.ref,
  source: meterReadings.source,
  importId: meterReadings.importId,
  invoiceId: meterReadings.invoiceId,
  createdAt: meterReadings.createdAt,
};

export interface ReadingRecord {
  id: number;
  meterId: string;
  /** Canonical UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
  readAt: string;
  /** In the meter's unit. */
  value: string;
  consumption: string;
  replacement: boolean;
  ref: string | null;
  source: 'manual' | 'api' | 'import';
  importId: string | null;
  /** The invoice that billed it; null until billed. */
  invoiceId: string | null;
  createdAt: Date;
}
