// What validation learns about each meter while the rows stream past, so that the set-based
// checks afterwards only look at the meters that need them. Files almost always hold each meter's
// readings in time order: then the file cannot repeat a meter and time, and a register's
// consumption is simply each reading minus the one before it, computed here row by row with the
// same rule single readings use. A meter whose rows go back in time (or repeat a time), a register
// row at or before the meter's latest stored reading, or one the rule refuses, hands that meter to
// the SQL checks, which sort its rows and decide exactly as before.
import { sql } from 'drizzle-orm';
import { readingConsumption } from '../../../billing/rating/meter-consumption.js';
import type { ImportMeter, MeterLookup } from './meter-lookup.js';
import type { StagedRow } from './row-mapping.js';
import { queryRows, type Queryable } from './sql-rows.js';

interface StoredBaseline {
  /** The latest stored reading's time in ms, rounded up: a row at or before it is never in order. */
  atCeiling: number;
  readAt: string;
  value: string;
}

interface MeterStream {
  meter: ImportMeter;
  cumulative: boolean;
  /** Every row so far later than the one before it. */
  ordered: boolean;
  last: number;
  firstAt: number;
  first: string;
  latest: string;
  /** Registers: consumption is computed here while true. */
  inStream: boolean;
  previous: { readAt: string; value: string } | null;
}

export interface MeterSpan {
  meterId: string;
  from: string;
  to: string;
}

export class StreamChecks {
  private readonly streams = new Map<string, MeterStream>();
  private readonly baselines = new Map<string, StoredBaseline | null>();

  constructor(private readonly lookup: MeterLookup) {}

  /** Loads the latest stored reading of the registers in `rows` not seen before: one query per batch that has any. */
  async loadBaselines(db: Queryable, rows: StagedRow[]): Promise<void> {
    const wanted = new Set<string>();
    for (const row of rows) {
      if (row.meterId === null || row.errorReason !== null || this.baselines.has(row.meterId)) continue;
      if (this.lookup.meter(row.meterId).kind === 'cumulative') wanted.add(row.meterId);
    }
    if (wanted.size === 0) return;
    const ids = [...wanted];
    for (const id of ids) this.baselines.set(id, null);
    const latest = await queryRows<{ meter_id: string; at_ceiling: number | string; read_at: string; value: string }>(
      db,
      sql`select m.id as meter_id, ceil(extract(epoch from l.read_at) * 1000)::float8 as at_ceiling,
            to_char(l.read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as read_at, l.value::text as value
          from unnest(${`{${ids.join(',')}}`}::uuid[]) as m(id)
          cross join lateral (select read_at, value from meter_readings r where r.meter_id = m.id order by read_at desc limit 1) l`,
    );
    for (const row of latest) this.baselines.set(row.meter_id, { atCeiling: Number(row.at_ceiling), readAt: row.read_at, value: row.value });
  }

  /** Notes a mapped row; for a register in order, sets its consumption. Rows must come in file order. */
  apply(row: StagedRow): void {
    if (row.errorReason !== null || row.meterId === null || row.readAt === null || row.value === null) return;
    const at = Date.parse(row.readAt);
    let stream = this.streams.get(row.meterId);
    if (!stream) {
      const meter = this.lookup.meter(row.meterId);
      const cumulative = meter.kind === 'cumulative';
      const baseline = cumulative ? this.baselines.get(row.meterId) : null;
      if (baseline === undefined) throw new Error(`the latest reading of meter ${row.meterId} was not loaded before its rows`);
      stream = {
        meter,
        cumulative,
        ordered: true,
        last: Number.NEGATIVE_INFINITY,
        firstAt: at,
        first: row.readAt,
        latest: row.readAt,
        inStream: cumulative && (baseline === null || at > baseline.atCeiling),
        previous: baseline ? { readAt: baseline.readAt, value: baseline.value } : null,
      };
      this.streams.set(row.meterId, stream);
    }
    if (at > stream.last) {
      stream.last = at;
      stream.latest = row.readAt;
    } else {
      stream.ordered = false;
      stream.inStream = false;
      if (at < stream.firstAt) {
        stream.firstAt = at;
        stream.first = row.readAt;
      }
    }
    if (!stream.inStream) return;
    const result = readingConsumption(stream.meter, stream.previous, { value: row.value, replacement: row.replacement });
    if (!result.ok) {
      // The SQL pass words the refusal, against the right previous reading.
      stream.inStream = false;
      return;
    }
    row.consumption = result.consumption;
    stream.previous = { readAt: row.readAt, value: row.value };
  }

  /** Meters whose rows are not in strict time order: the file may repeat a meter and time. */
  unorderedMeters(): string[] {
    return [...this.streams].filter(([, stream]) => !stream.ordered).map(([id]) => id);
  }

  /** Registers whose consumption the ordered SQL pass computes (their rows' staged consumption is not final). */
  registersToOrder(): string[] {
    return [...this.streams].filter(([, stream]) => stream.cumulative && !stream.inStream).map(([id]) => id);
  }

  /**
   * The time span of each delta meter's rows: only a stored reading inside it can be the same
   * reading. (A register computed here has every row after its latest stored reading.)
   */
  deltaSpans(): MeterSpan[] {
    return [...this.streams].filter(([, stream]) => !stream.cumulative).map(([meterId, stream]) => ({ meterId, from: stream.first, to: stream.latest }));
  }
}
