// A meter reading as JSON: the REST API's shape and `uplink readings ... --json`'s. Values and
// consumption are decimal strings in the meter's unit; times are ISO strings in UTC.
import { z } from 'zod';
import type { ReadingRecord } from '../services/readings/reading-rows.js';
import { isoInstant } from '../services/readings/read-at.js';
import { id, timestamp } from './wire-parts.js';

export const readingWire = z
  .object({
    id: z.int(),
    meterId: id,
    readAt: timestamp,
    value: z.string().meta({ description: "Decimal string, in the meter's unit." }),
    consumption: z.string().meta({ description: 'What this reading adds to the consumption, fixed when it was stored.' }),
    unit: z.string(),
    replacement: z.boolean(),
    ref: z.string().nullable(),
    source: z.enum(['manual', 'api', 'import']),
    invoiceId: id.nullable().meta({ description: 'The invoice that billed it; null until billed.' }),
    billed: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'Reading' });

export function readingJson(reading: ReadingRecord, unit: string): z.input<typeof readingWire> {
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
