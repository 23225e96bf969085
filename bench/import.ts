// Benchmark: 1,000,000 meter readings from a CSV file through our import (upload into chunks,
// validation into the staging table, commit), against a raw `COPY meter_readings FROM STDIN` of
// the same rows into the same (emptied) table in the same run. Prints both and the ratio.
//
//   npm run bench:import [-- --rows 1000000 --meters 2000]
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { copyIn } from '../db/copy.js';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { customers, meters } from '../db/schema.js';
import type { ServiceContext } from '../server/services/context.js';
import { commitImport } from '../server/services/imports/import-commit.js';
import { createImport } from '../server/services/imports/import-upload.js';
import { validateImport } from '../server/services/imports/import-validate.js';
import { withScratchDatabase } from './scratch-database.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, meters: { type: 'string', default: '2000' } } });
const ROWS = Number(values.rows);
const METERS = Number(values.meters);

interface Reading {
  meterId: string;
  readAt: string;
  value: string;
}

/** Reading i: meters take turns, each meter's readings an hour apart with a rising register. */
function reading(meterIds: string[], i: number): Reading {
  const step = Math.floor(i / meterIds.length);
  return { meterId: meterIds[i % meterIds.length]!, readAt: new Date(Date.UTC(2026, 0, 1) + step * 3_600_000).toISOString(), value: `${step * 3}.25` };
}

async function writeCsv(path: string, meterIds: string[]): Promise<void> {
  const out = createWriteStream(path);
  let buffer = 'meter,time,value\n';
  for (let i = 0; i < ROWS; i++) {
    const r = reading(meterIds, i);
    buffer += `${r.meterId},${r.readAt},${r.value}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

const seconds = (from: number) => (performance.now() - from) / 1000;

await withScratchDatabase(async (databaseUrl) => {
  const handle = await openDatabase({ databaseUrl, dataDir: '', maxConnections: 4 });
  const folder = mkdtempSync(join(tmpdir(), 'uplink-bench-import-'));
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const ctx: ServiceContext = { db, temporal: undefined as unknown as ServiceContext['temporal'] };
    // Half registers, half delta meters, over customers of two meters each.
    const meterIds: string[] = [];
    for (let c = 0; c < METERS / 2; c++) {
      const [customer] = await db.insert(customers).values({ name: `Bench ${c}`, email: `bench-${c}@bench.test`, currency: 'EUR' }).returning();
      const created = await db
        .insert(meters)
        .values([
          { customerId: customer!.id, key: 'data', unit: 'GB', kind: 'cumulative' },
          { customerId: customer!.id, key: 'voice', unit: 'min', kind: 'delta' },
        ])
        .returning({ id: meters.id });
      meterIds.push(...created.map((meter) => meter.id));
    }
    const path = join(folder, 'readings.csv');
    await writeCsv(path, meterIds);
    console.log(`${ROWS.toLocaleString('en-US')} readings of ${meterIds.length} meters in a CSV file; PostgreSQL at ${new URL(databaseUrl).host}`);

    let started = performance.now();
    const uploaded = await createImport(ctx, { fileName: 'readings.csv', source: 'bench', bytes: createReadStream(path) });
    const uploadSeconds = seconds(started);
    const validated = await validateImport(ctx, uploaded.id, { mapping: { meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value' } });
    const validateSeconds = seconds(started) - uploadSeconds;
    const committed = await commitImport(ctx, validated.id);
    const importSeconds = seconds(started);
    if (committed.acceptedRows !== ROWS) throw new Error(`the import stored ${committed.acceptedRows} readings, expected ${ROWS}`);

    await db.execute(sql`truncate meter_readings`);
    started = performance.now();
    const copy = await copyIn(db, 'meter_readings', ['meter_id', 'read_at', 'value', 'consumption', 'source']);
    for (let i = 0; i < ROWS; i++) {
      const r = reading(meterIds, i);
      await copy.write([r.meterId, r.readAt, r.value, '0', 'import']);
    }
    await copy.finish();
    const copySeconds = seconds(started);

    const rate = (s: number) => `${Math.round(ROWS / s).toLocaleString('en-US')} rows/s`;
    console.log(`import     ${importSeconds.toFixed(1)} s = ${rate(importSeconds)} (upload ${uploadSeconds.toFixed(1)} s, validate ${validateSeconds.toFixed(1)} s, commit ${(importSeconds - uploadSeconds - validateSeconds).toFixed(1)} s)`);
    console.log(`raw COPY   ${copySeconds.toFixed(1)} s = ${rate(copySeconds)} (the same rows straight into meter_readings, no checks)`);
    console.log(`ratio      import / raw COPY = ${(importSeconds / copySeconds).toFixed(2)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await handle.close();
  }
});
