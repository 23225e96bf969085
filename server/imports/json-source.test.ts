import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileChunks, memoryChunks } from './byte-chunks.js';
import type { ByteChunks, SourceRow } from './file-layout.js';
import { detectLayout, readRows } from './row-source.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/imports/${name}`, import.meta.url));

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const all: SourceRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function readJson(chunks: ByteChunks, fileName = 'readings.json') {
  const layout = await detectLayout(fileName, chunks);
  return { layout, rows: await collect(readRows(chunks, layout)) };
}

describe('JSON files', () => {
  it('reads a top-level array, with columns the union of keys in first-seen order', async () => {
    const text = JSON.stringify([
      { meter: 'm-1', time: '2026-10-01T00:00:00Z', value: 12.5 },
      { meter: 'm-2', value: 3, unit: 'GB', time: '2026-10-02T00:00:00Z' },
      { meter: 'm-3', time: null, value: '4,5', extra: { nested: true } },
    ]);
    const { layout, rows } = await readJson(memoryChunks(text, 9));
    expect(layout).toMatchObject({ format: 'json', jsonShape: 'array', hasHeader: false, columns: ['meter', 'time', 'value', 'unit', 'extra'] });
    expect(rows).toEqual([
      { line: 1, cells: ['m-1', '2026-10-01T00:00:00Z', 12.5, null, null] },
      { line: 2, cells: ['m-2', '2026-10-02T00:00:00Z', 3, 'GB', null] },
      { line: 3, cells: ['m-3', null, '4,5', null, '{"nested":true}'] },
    ]);
    expect(layout.sample).toEqual(rows);
  });

  it('reads the array inside a wrapping object, naming the property it came from', async () => {
    const { layout, rows } = await readJson(fileChunks(fixture('readings-wrapped.json'), 16));
    expect(layout).toMatchObject({ jsonShape: 'object', jsonProperty: 'readings', columns: ['meter', 'time', 'value', 'unit'] });
    expect(rows).toEqual([
      { line: 1, cells: ['m-1', '2026-10-01T00:00:00Z', 12.5, null] },
      { line: 2, cells: ['m-2', '2026-10-01T00:00:00Z', 3, 'GB'] },
    ]);
    const busy = await readJson(
      memoryChunks('{"meta": {"tags": [1, 2]}, "count": 2, "readings": [{"meter": "m-1", "reading": {"v": 1}}, {"meter": "m-2"}], "after": [3]}', 6),
    );
    expect(busy.layout).toMatchObject({ jsonProperty: 'readings', columns: ['meter', 'reading'] });
    expect(busy.rows).toEqual([
      { line: 1, cells: ['m-1', '{"v":1}'] },
      { line: 2, cells: ['m-2', null] },
    ]);
    const oneLine = await readJson(memoryChunks('{"readings":[{"meter":"m-1","value":1}]}'));
    expect(oneLine.layout).toMatchObject({ jsonShape: 'object', jsonProperty: 'readings' });
    expect(oneLine.rows).toEqual([{ line: 1, cells: ['m-1', 1] }]);
  });

  it('reads NDJSON, one object per line, numbering rows by their line', async () => {
    const text = '{"meter":"m-1","value":1}\n\n{"meter":"m-2","value":2,"unit":"MB"}\r\n{"meter":"m-3","value":3}';
    const { layout, rows } = await readJson(memoryChunks(text, 5), 'readings.ndjson');
    expect(layout).toMatchObject({ jsonShape: 'ndjson', columns: ['meter', 'value', 'unit'] });
    expect(rows).toEqual([
      { line: 1, cells: ['m-1', 1, null] },
      { line: 3, cells: ['m-2', 2, 'MB'] },
      { line: 4, cells: ['m-3', 3, null] },
    ]);
  });

  it('recognises JSON by its content when the name does not tell', async () => {
    const layout = await detectLayout('export', memoryChunks('\ufeff [{"meter":"m-1","value":1}]'));
    expect(layout).toMatchObject({ format: 'json', jsonShape: 'array' });
  });

  it('says where malformed JSON goes wrong: line and column, or the NDJSON line', async () => {
    const broken = '[\n  {"meter": "m-1", "value": 1},\n  {"meter": "m-2", "value": }\n]';
    const chunks = memoryChunks(broken, 8);
    const layout = await detectLayout('r.json', memoryChunks('[{"meter":"m-1","value":1}]'));
    await expect(collect(readRows(chunks, layout))).rejects.toThrow(/^The file is not valid JSON at line 3, column 29: expected a value$/);
    await expect(detectLayout('r.json', chunks)).rejects.toThrow(/^The file is not valid JSON at line 3, column 29: expected a value$/);

    const ndjson = memoryChunks('{"meter":"m-1","value":1}\n{"meter":"m-2","value":2\n');
    await expect(readJson(ndjson, 'r.ndjson')).rejects.toThrow(/^Line 2 is not valid JSON: /);
  });

  it('refuses items that are not objects and files that hold no list', async () => {
    await expect(readJson(memoryChunks('[{"meter":"m-1"}, 42]'))).rejects.toThrow('Item 2 is not an object but number 42');
    await expect(readJson(memoryChunks('{\n"meter": "m-1"\n}'))).rejects.toThrow('The JSON object has no property holding a list of readings');
    await expect(readJson(memoryChunks('"readings"'))).rejects.toThrow("The file does not start with a JSON array or object");
    await expect(readJson(memoryChunks('[]'))).rejects.toThrow('The file holds no objects with any properties');
  });
});
