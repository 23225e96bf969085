// The same readings in the shapes files really come in: semicolons with decimal commas, Latin-1,
// a UTF-8 BOM, no header row (mapped by "Column N"), JSON, and XLSX with serial and text dates.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport, commitResult } from '../../server/services/imports/import-commit.js';
import { createImport } from '../../server/services/imports/import-upload.js';
import { validateImport } from '../../server/services/imports/import-validate.js';
import type { ServiceContext } from '../../server/services/context.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { bytesOf, importContext, insertCustomerWithMeters, storedReadings } from './import-fixtures.js';

let database: TestDatabase;
let ctx: ServiceContext;

beforeAll(async () => {
  database = await createTestDatabase();
  ctx = importContext(database.handle.db);
});
afterAll(() => database?.dispose());

async function newMeter(email: string) {
  const { customer, meters } = await insertCustomerWithMeters(ctx.db, email, [{ kind: 'delta', unit: 'kWh', key: 'power' }]);
  return { customer, meter: meters[0]! };
}

async function importAll(fileName: string, bytes: Uint8Array | string, mapping: Record<string, string>) {
  const uploaded = await createImport(ctx, { fileName, source: `formats-${fileName}`, bytes: bytesOf(bytes) });
  const validated = await validateImport(ctx, uploaded.id, { mapping });
  expect(validated.invalidRows).toBe(0);
  return commitResult(await commitImport(ctx, validated.id));
}

describe('CSV variants', () => {
  it('reads semicolons with decimal commas and local dates in the given time zone', async () => {
    const { customer, meter } = await newMeter('semicolon@customer.test');
    const text = `Kunde;Zähler;Datum;Wert\n${customer.email};power;01.03.2026 10:00;1.234,5\n${customer.email};power;02.03.2026 10:00;2,25\n`;
    expect(await importAll('zähler.csv', text, { customerColumn: 'Kunde', meterKeyColumn: 'Zähler', timeColumn: 'Datum', valueColumn: 'Wert', timeZone: 'Europe/Berlin' })).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: 0,
    });
    expect((await storedReadings(ctx.db, meter.id)).map((r) => [r.readAt, r.value])).toEqual([
      ['2026-03-01T09:00:00Z', '1234.5'],
      ['2026-03-02T09:00:00Z', '2.25'],
    ]);
  });

  it('reads Latin-1 and a UTF-8 BOM alike', async () => {
    const { meter } = await newMeter('encodings@customer.test');
    const latin1 = Buffer.from(`Zählerkennung,Zeit,Menge\n${meter.id},2026-03-01T00:00:00Z,1\n`, 'latin1');
    expect(await importAll('latin1.csv', latin1, { meterIdColumn: 'Zählerkennung', timeColumn: 'Zeit', valueColumn: 'Menge' })).toMatchObject({ accepted: 1 });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`meter,time,value\n${meter.id},2026-03-02T00:00:00Z,2\n`)]);
    expect(await importAll('bom.csv', bom, { meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value' })).toMatchObject({ accepted: 1 });
    expect((await storedReadings(ctx.db, meter.id)).map((r) => r.value)).toEqual(['1', '2']);
  });

  it('maps a file without a header by column numbers', async () => {
    const { meter } = await newMeter('noheader@customer.test');
    const text = `${meter.id}\t2026-03-01T00:00:00Z\t5\n${meter.id}\t2026-03-02T00:00:00Z\t6\n`;
    expect(await importAll('noheader.tsv', text, { meterIdColumn: 'Column 1', timeColumn: 'Column 2', valueColumn: 'Column 3' })).toMatchObject({ accepted: 2 });
  });
});

describe('JSON and XLSX', () => {
  it('reads an array of objects', async () => {
    const { meter } = await newMeter('json@customer.test');
    const json = JSON.stringify([
      { meter: meter.id, time: '2026-03-01T00:00:00Z', value: 1.5 },
      { meter: meter.id, time: '2026-03-02T00:00:00Z', value: '2.5' },
    ]);
    expect(await importAll('readings.json', json, { meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value' })).toMatchObject({ accepted: 2 });
    expect((await storedReadings(ctx.db, meter.id)).map((r) => r.value)).toEqual(['1.5', '2.5']);
  });

  it('reads Excel date cells and text dates', async () => {
    const { meter } = await newMeter('xlsx@customer.test');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Readings');
    sheet.addRow(['Meter', 'When', 'kWh']);
    sheet.addRow([meter.id, new Date(Date.UTC(2026, 2, 1, 6)), 7]);
    sheet.addRow([meter.id, new Date(Date.UTC(2026, 2, 2, 6)), 8]);
    const dates = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await importAll('dates.xlsx', dates, { meterIdColumn: 'Meter', timeColumn: 'When', valueColumn: 'kWh' })).toMatchObject({ accepted: 2 });

    const text = new ExcelJS.Workbook();
    const textSheet = text.addWorksheet('Readings');
    textSheet.addRow(['Meter', 'When', 'kWh']);
    textSheet.addRow([meter.id, '03/03/2026 06:00', 9]);
    const texts = Buffer.from(await text.xlsx.writeBuffer());
    expect(await importAll('texts.xlsx', texts, { meterIdColumn: 'Meter', timeColumn: 'When', valueColumn: 'kWh', dateFormat: 'DD/MM/YYYY' })).toMatchObject({ accepted: 1 });
    expect((await storedReadings(ctx.db, meter.id)).map((r) => r.readAt)).toEqual(['2026-03-01T06:00:00Z', '2026-03-02T06:00:00Z', '2026-03-03T06:00:00Z']);
  });
});
