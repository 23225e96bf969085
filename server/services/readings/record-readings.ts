// Records meter readings entered by hand or sent to the API: every valid reading of a call is
// stored in one transaction, each with the consumption it adds (fixed now, never recomputed);
// the same reading sent again is counted as a duplicate, not stored twice; every other problem
// is reported per reading, by its index and field.
import { readingConsumption } from '../../../billing/rating/meter-consumption.js';
import { isoDateFromEpochMs } from '../../../billing/calendar.js';
import { BillingDecimal } from '../../../billing/rounding.js';
import type { Database } from '../../../db/client.js';
import { ValidationError } from '../errors.js';
import { consumptionBoundProblem, loadMeterPricing, type MeterPricing } from './consumption-bound.js';
import type { Meter } from './meters.js';
import { insertReadings, type NewReadingRow } from './insert-readings.js';
import { lockMeterState, readingKey, type MeterState, type StoredReading } from './meter-state.js';
import { isoInstant } from './read-at.js';
import { checkReading } from './reading-checks.js';
import { parseReadingItem, type ReadingError, type ReadingItem } from './reading-input.js';

export type { ReadingError } from './reading-input.js';

export const MAX_READINGS_PER_CALL = 10_000;

export interface RecordReadingsResult {
  /** Readings stored by this call. */
  accepted: number;
  /** Readings already stored with the same meter, time and value: nothing to do. */
  duplicates: number;
  errors: ReadingError[];
}

/** A reading checked against its meter, in the meter's unit. */
interface MeterReading extends ReadingItem {
  meter: Meter;
}

export async function recordReadings(db: Database, items: unknown, source: 'manual' | 'api'): Promise<RecordReadingsResult> {
  if (!Array.isArray(items)) throw new ValidationError([{ field: 'readings', message: 'must be a JSON array of readings' }]);
  if (items.length > MAX_READINGS_PER_CALL) {
    throw new ValidationError([{ field: 'readings', message: `must hold at most ${MAX_READINGS_PER_CALL.toLocaleString('en')} readings per call; split them into several calls` }]);
  }
  const errors: ReadingError[] = [];
  const parsed: ReadingItem[] = [];
  items.forEach((input: unknown, index) => {
    const result = parseReadingItem(input, index);
    if ('item' in result) parsed.push(result.item);
    else errors.push(...result.errors);
  });

  const outcome = await db.transaction(async (tx) => {
    const state = await lockMeterState(tx, [...new Set(parsed.map((item) => item.meterId))], parsed);
    const pricing = await loadMeterPricing(tx, [...state.meters.keys()], isoDateFromEpochMs(Date.now()));
    const { rows, duplicates } = checkReadings(parsed, state, pricing, errors);
    await insertReadings(tx, rows, source);
    return { accepted: rows.length, duplicates };
  });
  return { ...outcome, errors: errors.sort((a, b) => a.index - b.index) };
}

/** The rows to store, in time order per meter; problems are added to `errors`. */
function checkReadings(items: ReadingItem[], state: MeterState, pricing: Map<string, MeterPricing>, errors: ReadingError[]): { rows: NewReadingRow[]; duplicates: number } {
  const byMeter = new Map<string, MeterReading[]>();
  for (const item of items) {
    const reading = inMeterUnit(item, state, errors);
    if (!reading) continue;
    byMeter.set(item.meterId, [...(byMeter.get(item.meterId) ?? []), reading]);
  }
  const rows: NewReadingRow[] = [];
  let duplicates = 0;
  for (const [meterId, readings] of byMeter) {
    // A register's consumption is each reading minus the one before it: process them in time order.
    readings.sort((a, b) => (a.readAt < b.readAt ? -1 : a.readAt > b.readAt ? 1 : a.index - b.index));
    let previous: StoredReading | null = state.latest.get(meterId) ?? null;
    let priced = pricing.get(meterId);
    const latestStored = previous;
    const inCall = new Map<string, MeterReading>();
    for (const reading of readings) {
      const fail = (field: string, message: string) => errors.push({ index: reading.index, field, message });
      const key = readingKey(meterId, reading.readAt);
      const same = state.existing.get(key) ?? inCall.get(key);
      if (same) {
        if (sameValue(same.value, reading.value)) duplicates++;
        else fail('readAt', `a reading at ${isoInstant(reading.readAt)} is already ${state.existing.has(key) ? 'stored' : 'in this call'} with the value ${same.value} ${reading.meter.unit}`);
        continue;
      }
      if (reading.meter.kind === 'cumulative' && latestStored && reading.readAt <= latestStored.readAt) {
        fail(
          'readAt',
          `is at or before the meter's latest reading (${latestStored.value} ${reading.meter.unit} at ${isoInstant(latestStored.readAt)}): ` +
            "a register's readings must arrive in time order",
        );
        continue;
      }
      const consumption = readingConsumption(
        { kind: reading.meter.kind, registerMax: reading.meter.registerMax },
        previous && { readAt: isoInstant(previous.readAt), value: previous.value },
        { value: reading.value, replacement: reading.replacement },
      );
      if (!consumption.ok) {
        fail('value', consumption.reason);
        continue;
      }
      const unbillable = priced && consumptionBoundProblem(priced, consumption.consumption);
      if (unbillable) {
        fail('value', unbillable);
        continue;
      }
      if (priced) priced = { ...priced, unbilled: new BillingDecimal(priced.unbilled).plus(consumption.consumption).toFixed() };
      inCall.set(key, reading);
      if (reading.meter.kind === 'cumulative') previous = { readAt: reading.readAt, value: reading.value };
      rows.push({
        meterId,
        readAt: reading.readAt,
        value: reading.value,
        consumption: consumption.consumption,
        replacement: reading.replacement,
        ref: reading.ref,
      });
    }
  }
  return { rows, duplicates };
}

function inMeterUnit(item: ReadingItem, state: MeterState, errors: ReadingError[]): MeterReading | null {
  const meter = state.meters.get(item.meterId);
  if (!meter) {
    errors.push({ index: item.index, field: 'meterId', message: 'no meter has this id' });
    return null;
  }
  const checked = checkReading(meter, item);
  if (!checked.ok) {
    errors.push({ index: item.index, ...checked.problem });
    return null;
  }
  return { ...item, value: checked.value, meter };
}

function sameValue(a: string, b: string): boolean {
  return new BillingDecimal(a).equals(b);
}
