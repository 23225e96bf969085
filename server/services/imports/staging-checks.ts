// The checks that need every row of the file at once, run set-based on the staging table after
// the rows are loaded: duplicates within the file and against stored readings, and registers
// (cumulative meters) read in time order. A few statements, never one per row, each limited to
// the meters that need it (stream-checks.ts finds them while the rows are loaded).
import { sql } from 'drizzle-orm';
import { readingConsumption } from '../../../billing/rating/meter-consumption.js';
import type { ImportMapping } from './import-mapping.js';
import type { MeterLookup } from './meter-lookup.js';
import type { MeterSpan } from './stream-checks.js';
import { queryRows, type Queryable } from './sql-rows.js';

const ISO_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;
const instant = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', ${ISO_INSTANT})`);
const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * The same meter and time twice in the file: the first row counts; a later one with the same value
 * is a duplicate, one with another value an error naming the first.
 */
export async function markDuplicatesInFile(db: Queryable, importId: string, mapping: ImportMapping, meterIds: string[]): Promise<void> {
  if (meterIds.length === 0) return;
  await db.execute(sql`
    update reading_import_rows r set
      duplicate = (later.value = later.first_value),
      error_column = case when later.value <> later.first_value then ${mapping.valueColumn} end,
      error_reason = case when later.value <> later.first_value
        then 'line ' || later.first_line || ' has another value (' || later.first_value || ') for the same meter and time' end
    from (
      select line, value, first_line, first_value from (
        select line, value,
          first_value(line) over same_reading as first_line,
          first_value(value) over same_reading as first_value
        from reading_import_rows
        where import_id = ${importId} and error_reason is null and meter_id = any(${uuidArray(meterIds)})
        window same_reading as (partition by meter_id, read_at order by line)
      ) ranked
      where line <> first_line
    ) later
    where r.import_id = ${importId} and r.line = later.line`);
}

/** A reading already stored for the meter and time: the same value is a duplicate, another an error. */
export async function markDuplicatesOfStored(db: Queryable, importId: string, mapping: ImportMapping, meterIds: string[]): Promise<void> {
  if (meterIds.length === 0) return;
  await db.execute(sql`
    update reading_import_rows r set
      duplicate = (m.value = r.value),
      error_column = case when m.value <> r.value then ${mapping.valueColumn} end,
      error_reason = case when m.value <> r.value
        then 'a reading of ' || m.value || ' is already stored for this meter at this time' end
    from meter_readings m
    where r.import_id = ${importId} and r.error_reason is null and not r.duplicate and r.meter_id = any(${uuidArray(meterIds)})
      and m.meter_id = r.meter_id and m.read_at = r.read_at`);
}

/** The meters, of those given, with a stored reading inside the span of their rows: only their rows can repeat one. */
export async function metersWithStoredReadingsIn(db: Queryable, spans: MeterSpan[]): Promise<string[]> {
  if (spans.length === 0) return [];
  const json = JSON.stringify(spans.map((span) => ({ meter_id: span.meterId, from_at: span.from, to_at: span.to })));
  const rows = await queryRows<{ meter_id: string }>(
    db,
    sql`select s.meter_id from jsonb_to_recordset(${json}::jsonb) as s(meter_id uuid, from_at timestamptz, to_at timestamptz)
        where exists (select 1 from meter_readings m where m.meter_id = s.meter_id and m.read_at between s.from_at and s.to_at)`,
  );
  return rows.map((row) => row.meter_id);
}

/**
 * A register's consumption is its difference to the reading before it, so a file can only add
 * readings after a cumulative meter's latest stored one; anything at or before it is refused.
 */
export async function markReadingsBeforeLatest(db: Queryable, importId: string, mapping: ImportMapping, meterIds: string[]): Promise<void> {
  if (meterIds.length === 0) return;
  await db.execute(sql`
    update reading_import_rows r set
      error_column = ${mapping.timeColumn},
      error_reason = 'is at or before the meter''s latest stored reading (' || latest.value || ' at ' || ${instant('latest.read_at')}
        || '): a register''s readings can only be added after it'
    from (
      select s.meter_id, l.read_at, l.value
      from unnest(${uuidArray(meterIds)}) as s(meter_id)
      join meters on meters.id = s.meter_id and meters.kind = 'cumulative'
      cross join lateral (
        select read_at, value from meter_readings m where m.meter_id = s.meter_id order by read_at desc limit 1
      ) l
    ) latest
    where r.import_id = ${importId} and r.error_reason is null and not r.duplicate
      and r.meter_id = latest.meter_id and r.read_at <= latest.read_at`);
}

const PAGE_ROWS = 50_000;
const UPDATE_ROWS = 10_000;

interface RegisterRow {
  line: number;
  meter_id: string;
  read_at: string;
  /** Full precision, for paging: the shown time drops fractions of a second. */
  read_at_key: string;
  value: string;
  replacement: boolean;
}

interface RegisterUpdate {
  line: number;
  consumption: string | null;
  error_column: string | null;
  error_reason: string | null;
}

/**
 * Walks the rows of the given registers in time order per meter, from the latest stored reading
 * on, with the same rule single readings use. A refused row is not the next row's previous
 * reading: the next one is measured against the last accepted reading, as it would be were the
 * bad row absent. Every row's consumption is written: what was staged for these meters is not final.
 */
export async function computeRegisterConsumption(
  db: Queryable,
  importId: string,
  mapping: ImportMapping,
  lookup: MeterLookup,
  meterIds: string[],
  onRows: (done: number) => Promise<void>,
): Promise<void> {
  if (meterIds.length === 0) return;
  const meters = uuidArray(meterIds);
  const latest = new Map<string, { readAt: string; value: string }>();
  for (const row of await queryRows<{ meter_id: string; read_at: string; value: string }>(
    db,
    sql`select s.meter_id, ${instant('l.read_at')} as read_at, l.value::text as value
        from unnest(${meters}) as s(meter_id)
        cross join lateral (
          select read_at, value from meter_readings m where m.meter_id = s.meter_id order by read_at desc limit 1
        ) l`,
  )) {
    latest.set(row.meter_id, { readAt: row.read_at, value: row.value });
  }

  let updates: RegisterUpdate[] = [];
  const flush = async () => {
    if (updates.length === 0) return;
    const json = JSON.stringify(updates);
    updates = [];
    await db.execute(sql`
      update reading_import_rows r set consumption = u.consumption, error_column = u.error_column, error_reason = u.error_reason
      from jsonb_to_recordset(${json}::jsonb) as u(line int, consumption numeric, error_column text, error_reason text)
      where r.import_id = ${importId} and r.line = u.line`);
  };

  let after: { meterId: string; readAt: string } | null = null;
  let currentMeter: string | null = null;
  let previous: { readAt: string; value: string } | null = null;
  let done = 0;
  for (;;) {
    const page: RegisterRow[] = await queryRows<RegisterRow>(
      db,
      sql`select r.line, r.meter_id, ${instant('r.read_at')} as read_at, r.read_at::text as read_at_key, r.value::text as value, r.replacement
          from reading_import_rows r
          where r.import_id = ${importId} and r.error_reason is null and not r.duplicate and r.meter_id = any(${meters})
            ${after ? sql`and (r.meter_id, r.read_at) > (${after.meterId}::uuid, ${after.readAt}::timestamptz)` : sql``}
          order by r.meter_id, r.read_at
          limit ${PAGE_ROWS}`,
    );
    for (const row of page) {
      if (row.meter_id !== currentMeter) {
        currentMeter = row.meter_id;
        previous = latest.get(row.meter_id) ?? null;
      }
      const meter = lookup.meter(row.meter_id);
      const result = readingConsumption(meter, previous, { value: row.value, replacement: row.replacement });
      if (result.ok) {
        previous = { readAt: row.read_at, value: row.value };
        updates.push({ line: row.line, consumption: result.consumption, error_column: null, error_reason: null });
      } else {
        updates.push({ line: row.line, consumption: null, error_column: mapping.valueColumn, error_reason: result.reason });
      }
      if (updates.length >= UPDATE_ROWS) await flush();
    }
    done += page.length;
    await onRows(done);
    const last = page.at(-1);
    if (!last || page.length < PAGE_ROWS) break;
    after = { meterId: last.meter_id, readAt: last.read_at_key };
  }
  await flush();
}

export interface ImportCounts {
  total: number;
  valid: number;
  invalid: number;
  duplicate: number;
}

export async function countStagedRows(db: Queryable, importId: string): Promise<ImportCounts> {
  const [row] = await queryRows<{ total: string | number; invalid: string | number; duplicate: string | number }>(
    db,
    sql`select count(*) as total,
          count(*) filter (where error_reason is not null) as invalid,
          count(*) filter (where error_reason is null and duplicate) as duplicate
        from reading_import_rows where import_id = ${importId}`,
  );
  const total = Number(row?.total ?? 0);
  const invalid = Number(row?.invalid ?? 0);
  const duplicate = Number(row?.duplicate ?? 0);
  return { total, invalid, duplicate, valid: total - invalid - duplicate };
}
