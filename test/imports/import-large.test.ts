// Big files, generated here into a temporary folder (never committed): a 1,000,000-row CSV
// through `uplink readings import` ends with exactly that many readings, a run killed while it
// commits leaves none behind and a second run stores each row once, and a 100,000-row XLSX
// written with exceljs' streaming writer imports completely.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterReadings } from '../../db/schema.js';
import { commitImport, commitResult } from '../../server/services/imports/import-commit.js';
import { getImport } from '../../server/services/imports/import-records.js';
import { createImport } from '../../server/services/imports/import-upload.js';
import { validateImport } from '../../server/services/imports/import-validate.js';
import type { ServiceContext } from '../../server/services/context.js';
import { jsonOf, runUplink } from '../cli/run-uplink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { importContext, insertCustomerWithMeters, temporaryFolder } from './import-fixtures.js';
import { createReadStream } from 'node:fs';

let database: TestDatabase;
let ctx: ServiceContext;
let folder: ReturnType<typeof temporaryFolder>;
let meterIds: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = importContext(database.handle.db);
  folder = temporaryFolder();
  meterIds = [];
  // 100 customers with a data register and a voice delta meter each.
  for (let i = 0; i < 100; i++) {
    const { meters } = await insertCustomerWithMeters(ctx.db, `bulk-${i}@customer.test`, [
      { kind: 'cumulative', unit: 'GB', key: 'data' },
      { kind: 'delta', unit: 'min', key: 'voice' },
    ]);
    meterIds.push(...meters.map((meter) => meter.id));
  }
});
afterAll(async () => {
  folder?.remove();
  await database?.dispose();
});

/** `rows` readings spread over the meters, every meter's readings an hour apart and rising from `startHour`. */
async function writeCsv(path: string, rows: number, startHour: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('meter,time,value\n');
  const base = Date.UTC(2026, 0, 1) + startHour * 3_600_000;
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const meter = i % meterIds.length;
    const step = Math.floor(i / meterIds.length);
    buffer += `${meterIds[meter]},${new Date(base + step * 3_600_000).toISOString()},${startHour + step + 1}.5\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

async function readingsOfImport(importId: string | null): Promise<number> {
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(meterReadings)
    .where(importId ? sql`${meterReadings.importId} = ${importId}` : sql`true`);
  return row?.n ?? 0;
}

const env = () => ({ DATABASE_URL: database.url });

describe('a 1,000,000-row CSV through `uplink readings import`', () => {
  it('stores exactly its rows, with progress on stderr', async () => {
    const path = folder.file('million.csv');
    await writeCsv(path, 1_000_000, 0);
    const run = await runUplink(['readings', 'import', path, '--source', 'bulk', '--json'], { env: env() });
    const result = jsonOf<{ accepted: number; duplicates: number; rejected: number; import: { id: string } }>(run);
    expect(result).toMatchObject({ accepted: 1_000_000, duplicates: 0, rejected: 0 });
    expect(run.stderr).toMatch(/validated [1-9]\d\d,\d{3} of ~1,000,000 rows/);
    expect(run.stderr).toMatch(/committed 1,000,000 of 1,000,000 rows/);
    expect(await readingsOfImport(result.import.id)).toBe(1_000_000);
  }, 600_000);
});

describe('an import killed while it commits', () => {
  it('leaves no reading of the file behind, and a second run stores each row once', async () => {
    const path = folder.file('interrupted.csv');
    const rows = 400_000;
    // After the million rows above: every meter's readings continue later in time.
    await writeCsv(path, rows, 20_000);
    const before = await readingsOfImport(null);

    const child = spawn(process.execPath, [fileURLToPath(new URL('../../bin/uplink.mjs', import.meta.url)), 'readings', 'import', path, '--source', 'bulk'], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: process.env.NODE_ENV, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const killedWhileCommitting = new Promise<boolean>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        stderr += text;
        if (/committed [\d,]+ of/.test(stderr) && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('close', () => resolve(false));
    });
    expect(await killedWhileCommitting).toBe(true);
    await once(child, 'close').catch(() => {});
    expect(stderr).toMatch(/committing 400,000 rows/);
    expect(stderr).not.toMatch(/committed 400,000 of 400,000/);
    expect(await readingsOfImport(null)).toBe(before);
    // The kill landed mid-commit: the import still says so (no step finished or undid its claim).
    const killedId = /as import ([0-9a-f-]{36})/.exec(stderr)?.[1];
    expect(killedId).toBeDefined();
    const killed = await getImport(ctx, killedId!);
    expect({ status: killed.status, accepted: killed.acceptedRows }).toEqual({ status: 'committing', accepted: 0 });

    const again = await runUplink(['readings', 'import', path, '--source', 'bulk', '--json'], { env: env() });
    expect(jsonOf(again)).toMatchObject({ accepted: rows, duplicates: 0, rejected: 0 });
    expect(await readingsOfImport(null)).toBe(before + rows);
    const [twice] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(sql`(select meter_id, read_at from meter_readings group by 1, 2 having count(*) > 1) repeated`);
    expect(twice?.n).toBe(0);
  }, 600_000);
});

describe('a 100,000-row XLSX', () => {
  it('imports every row, with Excel dates', async () => {
    const path = folder.file('hundred-thousand.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
    const sheet = workbook.addWorksheet('Readings');
    sheet.columns = [{ header: 'Meter' }, { header: 'Read at', style: { numFmt: 'yyyy-mm-dd hh:mm' } }, { header: 'Value' }];
    // After the CSV files' readings (which reach into 2028): registers only take later readings.
    const base = Date.UTC(2030, 0, 1);
    for (let i = 0; i < 100_000; i++) {
      const step = Math.floor(i / meterIds.length);
      sheet.addRow([meterIds[i % meterIds.length], new Date(base + step * 3_600_000), 1_000_000 + step]).commit();
    }
    sheet.commit();
    await workbook.commit();

    const uploaded = await createImport(ctx, { fileName: 'hundred-thousand.xlsx', source: 'xlsx-bulk', bytes: createReadStream(path) });
    expect(uploaded.layout?.columns).toEqual(['Meter', 'Read at', 'Value']);
    const validated = await validateImport(ctx, uploaded.id, { mapping: { meterIdColumn: 'Meter', timeColumn: 'Read at', valueColumn: 'Value' } });
    expect({ total: validated.totalRows, valid: validated.validRows, invalid: validated.invalidRows }).toEqual({ total: 100_000, valid: 100_000, invalid: 0 });
    expect(commitResult(await commitImport(ctx, validated.id))).toEqual({ accepted: 100_000, duplicates: 0, rejected: 0 });
    expect(await readingsOfImport(validated.id)).toBe(100_000);
  }, 600_000);
});
