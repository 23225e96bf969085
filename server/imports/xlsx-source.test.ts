import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { memoryChunks } from './byte-chunks.js';
import type { SourceRow } from './file-layout.js';
import { detectLayout, readRowBatches, readRows } from './row-source.js';

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** A workbook as Excel users send them: a cover sheet, then the readings with dates of every kind. */
async function readingsWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet('Notes');
  notes.addRow(['Readings exported from the head end']);
  const readings = workbook.addWorksheet('Readings');
  readings.addRow(['Meter', 'Read at', 'Value', 'Unit', 'Note']);
  readings.addRow(['m-1', new Date(Date.UTC(2026, 9, 1, 6, 30)), 123.45, 'GB', { richText: [{ text: 'rich ' }, { font: { bold: true }, text: 'text' }] }]);
  readings.addRow(['m-2', 46296.25, { formula: 'B2+1', result: 124.45 }, 'GB', null]);
  readings.addRow(['m-3', '01/10/2026 08:00', 7, 'GB', { formula: 'CONCAT("a","b")', result: 'ab' }]);
  readings.addRow([]);
  readings.addRow(['m-4', new Date(Date.UTC(2026, 9, 2)), 8, null, true]);
  readings.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
  readings.getCell('B3').numFmt = '0.00';
  const other = workbook.addWorksheet('Other');
  other.addRow(['meter', 'value']);
  other.addRow(['x-1', 1]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of its Readings sheet, as a reader must give them. */
const READINGS_ROWS: SourceRow[] = [
  { line: 2, cells: ['m-1', new Date(Date.UTC(2026, 9, 1, 6, 30)), 123.45, 'GB', 'rich text'] },
  { line: 3, cells: ['m-2', 46296.25, 124.45, 'GB'] },
  { line: 4, cells: ['m-3', '01/10/2026 08:00', 7, 'GB', 'ab'] },
  { line: 6, cells: ['m-4', new Date(Date.UTC(2026, 9, 2)), 8, null, true] },
];

describe('XLSX workbooks', () => {
  it('reads the named sheet: date cells as Dates, serials as numbers, text dates as text, formulas and rich text as shown', async () => {
    const chunks = memoryChunks(await readingsWorkbook(), 1000);
    const layout = await detectLayout('readings.xlsx', chunks, { sheet: 'Readings' });
    expect(layout).toMatchObject({
      format: 'xlsx',
      sheet: 'Readings',
      sheets: ['Notes', 'Readings', 'Other'],
      hasHeader: true,
      columns: ['Meter', 'Read at', 'Value', 'Unit', 'Note'],
    });
    const rows = await collect(readRows(chunks, layout));
    expect(rows).toEqual(READINGS_ROWS);
    expect(layout.sample).toEqual(rows);
  });

  it('takes the first sheet when none is named, and another by name', async () => {
    const bytes = await readingsWorkbook();
    // A name that does not tell: the zip signature does.
    expect((await detectLayout('upload', memoryChunks(bytes))).format).toBe('xlsx');
    const first = await detectLayout('readings.xlsx', memoryChunks(bytes));
    expect(first.sheet).toBe('Notes');
    const other = await detectLayout('readings.xlsx', memoryChunks(bytes), { sheet: 'Other' });
    expect(other.columns).toEqual(['meter', 'value']);
    expect(await collect(readRows(memoryChunks(bytes), other))).toEqual([{ line: 2, cells: ['x-1', 1] }]);
  });

  it('reads the same rows whatever order the zip stores its parts and sheets in', async () => {
    // Entry order is the writer's choice: exceljs' own writer stores the workbook part last and
    // the sheets before the shared strings. Each part the sheets depend on is put before or after
    // the sheets, and the sheets in their order or reversed.
    const original = await JSZip.loadAsync(await readingsWorkbook());
    const names = Object.keys(original.files).filter((name) => !original.files[name]!.dir);
    const parts = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const sheets = names.filter((name) => name.startsWith('xl/worksheets/sheet'));
    const rest = names.filter((name) => !parts.includes(name) && !sheets.includes(name));
    for (let late = 0; late < 1 << parts.length; late++) {
      for (const sheetOrder of [sheets, [...sheets].reverse()]) {
        const order = [
          ...rest,
          ...parts.filter((_, i) => !(late & (1 << i))),
          ...sheetOrder,
          ...parts.filter((_, i) => late & (1 << i)),
        ];
        const zip = new JSZip();
        for (const name of order) zip.file(name, await original.file(name)!.async('uint8array'));
        const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
        const label = order.filter((name) => name.startsWith('xl/')).join(' ');
        expect((await detectLayout('r.xlsx', memoryChunks(bytes))).sheet, label).toBe('Notes');
        const readings = await detectLayout('r.xlsx', memoryChunks(bytes), { sheet: 'Readings' });
        expect(readings.columns, label).toEqual(['Meter', 'Read at', 'Value', 'Unit', 'Note']);
        expect(await collect(readRows(memoryChunks(bytes, 1000), readings)), label).toEqual(READINGS_ROWS);
      }
    }
  });

  it('skips empty sheets to the first with data, and detects a missing header', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Empty');
    const data = workbook.addWorksheet('Data');
    data.addRow(['m-1', new Date(Date.UTC(2026, 9, 1)), 5]);
    data.addRow(['m-2', new Date(Date.UTC(2026, 9, 2)), 6]);
    const chunks = memoryChunks(Buffer.from(await workbook.xlsx.writeBuffer()));
    const layout = await detectLayout('r.xlsx', chunks);
    expect(layout).toMatchObject({ sheet: 'Data', hasHeader: false, columns: ['Column 1', 'Column 2', 'Column 3'] });
    expect((await collect(readRows(chunks, layout))).map((r) => r.line)).toEqual([1, 2]);
  });

  it('names the sheets there are when the one asked for is missing, and refuses a file that is no workbook', async () => {
    const bytes = await readingsWorkbook();
    await expect(detectLayout('r.xlsx', memoryChunks(bytes), { sheet: 'Readngs' })).rejects.toThrow(
      "The workbook has no sheet named 'Readngs' (it has 'Notes', 'Readings', 'Other')",
    );
    await expect(detectLayout('r.xlsx', memoryChunks('meter,value\nm-1,1\n'))).rejects.toThrow(/^The file cannot be read as an XLSX workbook: /);
    await expect(detectLayout('r.xlsx', memoryChunks('PK\x03\x04 cut short'))).rejects.toThrow(/^The file cannot be read as an XLSX workbook: /);
  });

  it('reads a workbook written by the streaming writer (sheets stored before the shared strings)', async () => {
    const output = new PassThrough();
    const parts: Buffer[] = [];
    output.on('data', (part: Buffer) => parts.push(part));
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: true });
    const sheet = writer.addWorksheet('Readings');
    sheet.addRow(['meter', 'time', 'value']).commit();
    for (let i = 0; i < 2000; i++) {
      const row = sheet.addRow([`m-${i}`, new Date(Date.UTC(2026, 9, 1, 0, i)), i + 0.5]);
      row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
      row.commit();
    }
    sheet.commit();
    await writer.commit();
    const chunks = memoryChunks(Buffer.concat(parts), 4096);
    const layout = await detectLayout('big.xlsx', chunks);
    expect(layout.columns).toEqual(['meter', 'time', 'value']);
    const rows = await collect(readRows(chunks, layout));
    expect(rows).toHaveLength(2000);
    expect(rows[1999]).toEqual({ line: 2001, cells: ['m-1999', new Date(Date.UTC(2026, 9, 1, 0, 1999)), 1999.5] });
  });
});

describe('XLSX rows in batches', () => {
  it('groups the rows without losing or reordering any', async () => {
    const chunks = memoryChunks(await readingsWorkbook());
    const layout = await detectLayout('readings.xlsx', chunks, { sheet: 'Readings' });
    const batches: SourceRow[][] = [];
    for await (const batch of readRowBatches(chunks, layout, 3)) batches.push(batch);
    expect(batches.map((b) => b.map((r) => r.line))).toEqual([[2, 3, 4], [6]]);
  });
});
