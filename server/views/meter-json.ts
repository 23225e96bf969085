// A meter as JSON: the REST API's shape and `uplink meters ... --json`'s.
import { z } from 'zod';
import type { Meter, MeterWithLatest } from '../services/readings/meters.js';
import { readingJson, readingWire } from './reading-json.js';
import { id, timestamp } from './wire-parts.js';

export const meterWire = z
  .object({
    id,
    customerId: id,
    key: z.string(),
    unit: z.string(),
    kind: z.enum(['cumulative', 'delta']),
    /** Decimal string; null when the register never rolls over (and for delta meters). */
    registerMax: z.string().nullable(),
    base: z.union([z.literal(1000), z.literal(1024)]),
    createdAt: timestamp,
  })
  .meta({ id: 'Meter' });

export const meterDetailWire = meterWire.extend({ latestReading: readingWire.nullable() }).meta({ id: 'MeterDetail' });

export function meterJson(meter: Meter): z.input<typeof meterWire> {
  return {
    id: meter.id,
    customerId: meter.customerId,
    key: meter.key,
    unit: meter.unit,
    kind: meter.kind,
    registerMax: meter.registerMax,
    base: meter.base === 1024 ? 1024 : 1000,
    createdAt: meter.createdAt.toISOString(),
  };
}

export function meterDetailJson(meter: MeterWithLatest): z.input<typeof meterDetailWire> {
  return { ...meterJson(meter), latestReading: meter.latestReading && readingJson(meter.latestReading, meter.unit) };
}
