// A meter as JSON: the REST API's shape and `uplink meters ... --json`'s.
import type { Meter, MeterWithLatest } from '../services/readings/meters.js';
import { readingJson, type ReadingJson } from './reading-json.js';

export interface MeterJson {
  id: string;
  customerId: string;
  key: string;
  unit: string;
  kind: Meter['kind'];
  /** Decimal string; null when the register never rolls over (and for delta meters). */
  registerMax: string | null;
  base: 1000 | 1024;
  createdAt: string;
}

export type MeterDetailJson = MeterJson & { latestReading: ReadingJson | null };

export function meterJson(meter: Meter): MeterJson {
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

export function meterDetailJson(meter: MeterWithLatest): MeterDetailJson {
  return { ...meterJson(meter), latestReading: meter.latestReading && readingJson(meter.latestReading, meter.unit) };
}
