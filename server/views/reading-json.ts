// A meter reading as JSON: the REST API's shape and `uplink readings ... --json`'s. Values and
// consumption are decimal strings in the meter's unit; times are ISO strings in UTC.
import type { ReadingRecord } from '../services/readings/reading-rows.js';
import { isoInstant } from '../services/readings/read-at.js';

export interface ReadingJson {
  id: number;
  meterId: string;
  readAt: string;
  value: string;
  /** What this reading adds to the meter's consumption, fixed when it was stored. */
  consumption: string;
  unit: string;
  replacement: boolean;
  ref: string | null;
  source: ReadingRecord['source'];
  /** The invoice that billed it; null until billed. */
  invoiceId: string | null;
  billed: boolean;
  createdAt: string;
}

export function readingJson(reading: ReadingRecord, unit: string): ReadingJson {
  return {
    id: reading.id,
    meterId: reading.meterId,
    readAt: isoInstant(reading.readAt),
    value: reading.value,
    consumption: reading.consumption,
    unit,
    replacement: reading.replacement,
    ref: reading.ref,
    source: reading.source,
    invoiceId: reading.invoiceId,
    billed: reading.invoiceId !== null,
    createdAt: reading.createdAt.toISOString(),
  };
}
