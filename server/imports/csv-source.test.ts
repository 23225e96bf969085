import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileChunks, memoryChunks } from './byte-chunks.js';
import type { ByteChunks, FileLayout, SourceRow } from './file-layout.js';
import { detectLayout, readRowBatches, readRows } from './row-source.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/imports/${name}`, import.meta.url));

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** Detects the layout and reads every row, in chunks small enough to split records and characters. */
async function readCsv(text: string | Uint8Array, options = {}, chunkSize = 7): Promise<{ layout: FileLayout; rows: SourceRow[] }> {
  const chunks = memoryChunks(text, chunkSize);
  const layout = await detectLayout('readings.csv', chunks, options);
  return { layout, rows: await collect(readRows(chunks, layout)) };
}

describe('CSV files', () => {
  it('reads a comma-separated file with a header, giving each row its line in the file', async () => {
    const { layout, rows } = await readCsv('meter,time,value,unit\nm-1,2026-10-01T00:00:00Z,123.45,GB\nm-2,2026-10-01T00:00:00Z,7,GB\n');
    expect(layout).toMatchObject({ format: 'csv', columns: ['meter', 'time', 'value', 'unit'], hasHeader: true, delimiter: ',', encoding: 'utf-8' });
    expect(layout.sample).toEqual(rows);
    expect(rows).toEqual([
      { line: 2, cells: ['m-1', '2026-10-01T00:00:00Z', '123.45', 'GB'] },
      { line: 3, cells: ['m-2', '2026-10-01T00:00:00Z', '7', 'GB'] },
    ]);
  });

  it('reads a Latin-1 file with semicolons and decimal commas (an Excel export from a German Windows)', async () => {
    const chunks = fileChunks(fixture('readings-latin1-semicolon.csv'), 5);
    const layout = await detectLayout('zaehler.csv', chunks);
    expect(layout).toMatchObject({ delimiter: ';', encoding: 'latin1', hasHeader: true, columns: ['Zähler', 'Zeit', 'Wert', 'Einheit'] });
    expect(await collect(readRows(chunks, layout))).toEqual([
      { line: 2, cells: ['Zürich-1', '01.10.2026 00:00', '1.234,5', 'GB'] },
      { line: 3, cells: ['Zürich-2', '31.10.2026 23:30', '17', 'GB'] },
    ]);
  });

  it('drops a UTF-8 byte order mark instead of making it part of the first column name', async () => {
    const chunks = fileChunks(fixture('readings-utf8-bom.csv'), 2);
    const layout = await detectLayout('readings.csv', chunks);
    expect(layout).toMatchObject({ encoding: 'utf-8', columns: ['meter', 'time', 'value'] });
    const rows = await collect(readRows(chunks, layout));
    expect(rows.map((r) => r.cells[0])).toEqual(['münchen-1', 'münchen-2']);
  });

  it('reads tab- and pipe-separated files', async () => {
    const tab = await readCsv('meter\ttime\tvalue\nm-1\t2026-10-01\t1.5\n');
    expect(tab.layout.delimiter).toBe('\t');
    expect(tab.rows[0]!.cells).toEqual(['m-1', '2026-10-01', '1.5']);
    const pipe = await readCsv('m-1|2026-10-01|1.5\nm-2|2026-10-02|2\n');
    expect(pipe.layout.delimiter).toBe('|');
    expect(pipe.rows).toHaveLength(2);
  });

  it('tells a file without a header from one with, and numbers its columns', async () => {
    const { layout, rows } = await readCsv('m-1;2026-10-01 00:00;12,5\nm-2;2026-10-01 00:00;13\n');
    expect(layout).toMatchObject({ hasHeader: false, delimiter: ';', columns: ['Column 1', 'Column 2', 'Column 3'] });
    expect(rows.map((r) => r.line)).toEqual([1, 2]);
  });

  it('lets the user overrule the detected header, delimiter and encoding', async () => {
    const text = 'meter,time,value\nm-1,2026-10-01,1\n';
    const noHeader = await readCsv(text, { hasHeader: false });
    expect(noHeader.layout.columns).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(noHeader.rows[0]).toEqual({ line: 1, cells: ['meter', 'time', 'value'] });
    const semicolon = await readCsv(text, { delimiter: ';' });
    expect(semicolon.rows[0]!.cells).toEqual(['m-1,2026-10-01,1']);
    const latin1 = await readCsv(Buffer.from('meter,value\nmünchen,1\n'), { encoding: 'latin1' });
    expect(latin1.rows[0]!.cells[0]).toBe('mÃ¼nchen');
  });

  it('keeps quoted delimiters, quotes and line breaks, numbering a record by the line it starts on', async () => {
    const text = 'meter,note,value\r\n"m-1","said ""hi"", left",1\r\n"m-2","two\r\nlines",2\r\nm-3,,3\r\n';
    const { layout, rows } = await readCsv(text, {}, 3);
    expect(layout.hasHeader).toBe(true);
    expect(rows).toEqual([
      { line: 2, cells: ['m-1', 'said "hi", left', '1'] },
      { line: 3, cells: ['m-2', 'two\r\nlines', '2'] },
      { line: 5, cells: ['m-3', null, '3'] },
    ]);
  });

  it('skips blank lines but counts them, and still yields rows with too few or too many cells', async () => {
    const text = 'meter,time,value\n\nm-1,2026-10-01,1\n,,\nm-2,2026-10-02\nm-3,2026-10-03,3,extra\n\n';
    const { rows } = await readCsv(text);
    expect(rows).toEqual([
      { line: 3, cells: ['m-1', '2026-10-01', '1'] },
      { line: 5, cells: ['m-2', '2026-10-02'] },
      { line: 6, cells: ['m-3', '2026-10-03', '3', 'extra'] },
    ]);
  });

  it('reads a last line without a line break, and old Mac line ends', async () => {
    expect((await readCsv('meter,value\nm-1,1')).rows).toEqual([{ line: 2, cells: ['m-1', '1'] }]);
    expect((await readCsv('meter,value\rm-1,1\rm-2,2\r')).rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('names empty and repeated header cells so every column can be mapped', async () => {
    const { layout } = await readCsv('meter,,value,value\nm-1,x,1,2\n');
    expect(layout.columns).toEqual(['meter', 'Column 2', 'value', 'value (2)']);
  });

  it('refuses an empty file and a quote that never closes, saying so', async () => {
    await expect(detectLayout('empty.csv', memoryChunks(''))).rejects.toThrow('The file has no rows');
    await expect(detectLayout('blank.csv', memoryChunks('\n;;\n\n'))).rejects.toThrow('The file has no rows');
    await expect(detectLayout('one-line.csv', memoryChunks('x'.repeat(2_000_000), 65536))).rejects.toThrow(
      'The first line is longer than 1048576 bytes: this is no CSV file',
    );
    const unclosed = `meter,value\nm-1,"${'x'.repeat(1_100_000)}\nm-2,2\n`;
    const chunks = memoryChunks(unclosed, 64 * 1024);
    const layout = await detectLayout('r.csv', memoryChunks('meter,value\nm-1,1\n'));
    await expect(collect(readRows(chunks, layout))).rejects.toThrow(/Line 2: .*quote/);
  });

  it('reports a file detected as UTF-8 that turns out Latin-1 further on, with the line', async () => {
    const head = 'meter,value\n' + 'm-1,1\n'.repeat(300_000);
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('Zürich,2\n', 'latin1')]);
    const chunks = memoryChunks(bytes, 64 * 1024);
    const layout = await detectLayout('r.csv', chunks);
    expect(layout.encoding).toBe('utf-8');
    await expect(collect(readRows(chunks, layout))).rejects.toThrow('Line 300002 is not valid UTF-8 text');
  });

  it('streams: the first rows arrive before the rest of a 200,000-row file has been produced', async () => {
    const total = 200_000;
    let produced = 0;
    let finished = false;
    const chunks: ByteChunks = async function* () {
      yield Buffer.from('meter,time,value,unit\n');
      for (let i = 0; i < total; i += 1000) {
        let block = '';
        for (let k = i; k < i + 1000; k++) block += `m-${k},2026-10-01T00:00:00Z,${k}.5,GB\n`;
        produced += 1000;
        yield Buffer.from(block);
      }
      finished = true;
    };
    const layout = await detectLayout('big.csv', chunks);
    let count = 0;
    let producedAtFirstRow = -1;
    let last: SourceRow | undefined;
    for await (const row of readRows(chunks, layout)) {
      if (count === 0) {
        producedAtFirstRow = produced;
        expect(finished).toBe(false);
      }
      count++;
      last = row;
    }
    expect(producedAtFirstRow).toBeLessThan(total);
    expect(count).toBe(total);
    expect(last).toEqual({ line: total + 1, cells: [`m-${total - 1}`, '2026-10-01T00:00:00Z', `${total - 1}.5`, 'GB'] });
  });
});

describe('CSV rows in batches', () => {
  it('gives the same rows as one by one', async () => {
    const text = 'meter,value\n' + Array.from({ length: 5000 }, (_, i) => `m-${i},${i}\n`).join('');
    const chunks = memoryChunks(text, 4096);
    const layout = await detectLayout('r.csv', chunks);
    const batched: SourceRow[] = [];
    for await (const batch of readRowBatches(chunks, layout)) {
      expect(batch.length).toBeGreaterThan(0);
      batched.push(...batch);
    }
    expect(batched).toEqual(await collect(readRows(chunks, layout)));
    expect(batched).toHaveLength(5000);
  });
});
