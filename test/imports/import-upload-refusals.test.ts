// An upload the API refuses leaves nothing behind: a multipart body without a boundary or cut off
// halfway, a NUL in a text field, a binary file named .csv, options or a mapping that are not JSON.
// Each answers 4xx naming what is wrong, and no import, chunk or saved mapping is left in the database.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingImportChunks, readingImportMappings, readingImportRows, readingImports } from '../../db/schema.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';

let harness: PortalHarness;
let token: string;

beforeAll(async () => {
  harness = await createPortalHarness();
  token = await harness.newApiToken();
});
afterAll(() => harness?.dispose());

/** Rows in every table an upload writes to. */
async function importTables() {
  const db = harness.stack.ctx.db;
  const count = async (table: typeof readingImports | typeof readingImportChunks | typeof readingImportRows | typeof readingImportMappings) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n;
  return {
    imports: await count(readingImports),
    chunks: await count(readingImportChunks),
    rows: await count(readingImportRows),
    mappings: await count(readingImportMappings),
  };
}

async function post(body: BodyInit, contentType?: string) {
  const response = await fetch(`${harness.url}/api/v1/imports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
    body,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as { detail: string; errors?: { field: string; message: string }[] } };
}

function form(fields: Record<string, string>, file: { name: string; content: string | Uint8Array<ArrayBuffer> }): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  data.set('file', new Blob([file.content]), file.name);
  return data;
}

const CSV = 'meter,time,value\n7c9e6679-7425-40de-944b-e07fc1f90ae7,2026-04-01T00:00:00Z,1\n';

/** Bytes no text reader makes sense of, NULs included (not random, so a failure can be replayed). */
function binary(length: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, i) => (i * 7919 + (i >> 8) * 31) % 256);
}

describe('POST /api/v1/imports refusals', () => {
  it('refuses a body it cannot read as multipart naming the file, storing nothing', async () => {
    const before = await importTables();
    const boundary = '----uplink-test-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nmeters\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const whole = `${head}${CSV}\r\n--${boundary}--\r\n`;
    for (const [what, body, contentType, reason] of [
      ['no boundary', whole, 'multipart/form-data', /with its boundary/],
      ['an empty boundary', whole, 'multipart/form-data; boundary=', /with its boundary/],
      ['a body cut off in the file', `${head}${CSV.repeat(50)}`, `multipart/form-data; boundary=${boundary}`, /cannot be read \(unexpected end of stream\)/],
      ['a body cut off in a field', `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nmet`, `multipart/form-data; boundary=${boundary}`, /cannot be read/],
      ['a part without a name', `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`, `multipart/form-data; boundary=${boundary}`, /cannot be read/],
      ['a body without the boundary', 'source=meters&file=a.csv', `multipart/form-data; boundary=${boundary}`, /is required/],
    ] as const) {
      const answer = await post(body, contentType);
      expect({ what, status: answer.status, type: answer.type }).toEqual({ what, status: 422, type: 'application/problem+json' });
      expect(answer.body.errors).toEqual([{ field: 'file', message: expect.stringMatching(reason) }]);
      expect(answer.body.detail).toMatch(/nothing was stored/);
    }
    expect(await importTables()).toEqual(before);
  });

  it('reads a boundary in quotes and a media type in capitals, as RFC 2046 allows', async () => {
    const boundary = 'quoted boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nmeters\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${CSV}\r\n--${boundary}--\r\n`;
    const answer = await post(body, `Multipart/Form-Data; boundary="${boundary}"`);
    expect(answer.status).toBe(201);
  });

  it('refuses a NUL in a text field naming the field, storing nothing', async () => {
    const before = await importTables();
    for (const [fields, field] of [
      [{ source: 'meters\u0000' }, 'source'],
      [{ source: 'meters', options: '{"sheet":"a\\u0000b"}' }, 'sheet'],
      [{ source: 'meters', options: '{"delimiter":"\\u0000"}' }, 'delimiter'],
      [{ source: 'meters', mapping: '{"meterIdColumn":"meter\\u0000","timeColumn":"time","valueColumn":"value"}' }, 'mapping.meterIdColumn'],
    ] as const) {
      const answer = await post(form(fields, { name: 'readings.csv', content: CSV }));
      expect({ field, status: answer.status }).toEqual({ field, status: 422 });
      expect(answer.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    expect(await importTables()).toEqual(before);
  });

  it('refuses a file it cannot read, options or a mapping that are not JSON, storing nothing', async () => {
    const before = await importTables();
    for (const [fields, file, field] of [
      [{ source: 'meters' }, { name: 'readings.csv', content: binary(200_000) }, 'file'],
      [{ source: 'meters' }, { name: 'readings.json', content: binary(200_000) }, 'file'],
      [{ source: 'meters' }, { name: 'readings.xlsx', content: binary(200_000) }, 'file'],
      [{ source: 'meters' }, { name: 'empty.csv', content: '' }, 'file'],
      [{ source: 'meters', options: '{not json' }, { name: 'readings.csv', content: CSV }, 'options'],
      [{ source: 'meters', mapping: '{not json' }, { name: 'readings.csv', content: CSV }, 'mapping'],
    ] as const) {
      const answer = await post(form(fields, file));
      expect({ file: file.name, field, status: answer.status }).toEqual({ file: file.name, field, status: 422 });
      expect(answer.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    expect(await importTables()).toEqual(before);
  });
});
