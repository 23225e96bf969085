// The import over the REST API, as an integrator runs it: multipart upload, mapping, the invalid
// rows, a refused all-or-nothing commit, a valid_only commit, and the rejected rows as CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingImports } from '../../db/schema.js';
import { ApiClient } from '../api/api-client.js';
import { createPortalHarness, type PortalHarness } from '../support/portal-harness.js';
import { insertCustomerWithMeters, storedReadings } from './import-fixtures.js';

let harness: PortalHarness;
let api: ApiClient;
let token: string;

beforeAll(async () => {
  harness = await createPortalHarness();
  token = await harness.newApiToken();
  api = new ApiClient(harness.url, token);
});
afterAll(() => harness?.dispose());

async function upload(file: { name: string; text: string }, fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([file.text], { type: 'text/csv' }), file.name);
  const response = await fetch(`${harness.url}/api/v1/imports`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function put(path: string, body: unknown) {
  return api.send('PUT', path, JSON.stringify(body));
}

describe('POST /api/v1/imports and the steps after it', () => {
  it('uploads, offers a mapping, lists invalid rows, refuses all-or-nothing, commits valid_only and serves the rejected rows', async () => {
    const { customer, meters } = await insertCustomerWithMeters(harness.stack.ctx.db, 'api-import@customer.test', [{ kind: 'delta', unit: 'GB', key: 'data' }]);
    const text = [
      'customer;meter key;read at;usage;unit',
      `${customer.email};data;2026-04-01T00:00:00Z;1,5;GB`,
      `${customer.email};data;2026-04-02T00:00:00Z;2500;MB`,
      `nobody@customer.test;data;2026-04-03T00:00:00Z;1;GB`,
      `${customer.email};data;2026-04-04T00:00:00Z;3;minutes`,
    ].join('\r\n');

    const created = await upload({ name: 'april.csv', text }, { source: 'api-sheets' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/imports/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'uploaded',
      format: 'csv',
      source: 'api-sheets',
      layout: { columns: ['customer', 'meter key', 'read at', 'usage', 'unit'], hasHeader: true, delimiter: ';' },
      offeredFrom: 'suggested',
      offeredMapping: { customerColumn: 'customer', meterKeyColumn: 'meter key', timeColumn: 'read at', valueColumn: 'usage', unitColumn: 'unit' },
    });
    expect(created.body.layout.sample).toHaveLength(4);

    const mapping = { customerColumn: 'customer', meterKeyColumn: 'meter key', timeColumn: 'read at', valueColumn: 'usage', unitColumn: 'unit' };
    const validated = await put(`/api/v1/imports/${created.body.id}/mapping`, mapping);
    expect(validated.status).toBe(200);
    expect(validated.body).toMatchObject({ status: 'validated', counts: { total: 4, valid: 2, invalid: 2, duplicate: 0, accepted: 0 } });
    expect(validated.body.mapping).toMatchObject({ ...mapping, decimalSeparator: ',', dateFormat: 'iso' });

    const errors = await api.get(`/api/v1/imports/${created.body.id}/errors?limit=1`);
    expect(errors.status).toBe(200);
    expect(errors.body.items).toEqual([
      { line: 4, column: 'customer', reason: 'no customer has the id or email "nobody@customer.test"', cells: expect.any(Array) },
    ]);
    const second = await api.get(`/api/v1/imports/${created.body.id}/errors?limit=1&cursor=${errors.body.nextCursor}`);
    expect(second.body.items).toEqual([expect.objectContaining({ line: 5, column: 'unit', reason: expect.stringContaining('cannot convert "minutes"') })]);
    expect(second.body.nextCursor).toBeNull();

    const refused = await api.post(`/api/v1/imports/${created.body.id}/commit`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'mode', message: expect.stringContaining('2 of 4 rows are invalid, so nothing was stored') }]);
    expect(await storedReadings(harness.stack.ctx.db, meters[0]!.id)).toEqual([]);

    const committed = await api.post(`/api/v1/imports/${created.body.id}/commit`, { mode: 'valid_only' });
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2, import: { status: 'committed' } });
    expect((await storedReadings(harness.stack.ctx.db, meters[0]!.id)).map((reading) => [reading.value, reading.consumption])).toEqual([
      ['1.5', '1.5'],
      ['2.5', '2.5'],
    ]);
    const again = await api.post(`/api/v1/imports/${created.body.id}/commit`, { mode: 'valid_only' });
    expect(again.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2 });

    const csv = await fetch(`${harness.url}/api/v1/imports/${created.body.id}/rejected.csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('line,column,reason,customer,meter key,read at,usage,unit');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['4', '5']);

    const read = await api.get(`/api/v1/imports/${created.body.id}`);
    expect(read.body).toMatchObject({ status: 'committed', counts: { accepted: 2, invalid: 2 }, commitMode: 'valid_only' });

    // The next file of the source is offered the saved mapping, and validated at once when given one.
    const next = await upload({ name: 'may.csv', text: text.replaceAll('2026-04', '2026-05') }, { source: 'api-sheets', mapping: JSON.stringify(mapping) });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ status: 'validated', offeredFrom: 'import', counts: { valid: 2, invalid: 2 } });
    const offered = await upload({ name: 'june.csv', text }, { source: 'api-sheets' });
    expect(offered.body).toMatchObject({ offeredFrom: 'saved', offeredMapping: mapping });
  });

  it('refuses an upload without a file or a source, naming the field', async () => {
    const form = new FormData();
    form.set('source', 'x');
    const noFile = await fetch(`${harness.url}/api/v1/imports`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    expect(noFile.status).toBe(422);
    expect((await noFile.json()).errors).toEqual([{ field: 'file', message: expect.stringContaining('is required') }]);

    const noSource = await upload({ name: 'a.csv', text: 'meter,time,value\n' }, {});
    expect(noSource.status).toBe(422);
    expect(noSource.body.errors).toEqual([{ field: 'source', message: expect.stringContaining('is required') }]);
  });

  it('serves the rejected rows of a file named outside Latin-1, and keeps long names short', async () => {
    const { meters } = await insertCustomerWithMeters(harness.stack.ctx.db, 'euro-name@customer.test', [{ kind: 'delta', unit: 'GB', key: 'data' }]);
    const text = ['meter,time,value', `${meters[0]!.id},2026-04-01T00:00:00Z,1`, `${meters[0]!.id},not a date,2`].join('\n');
    const mapping = JSON.stringify({ meterIdColumn: 'meter', timeColumn: 'time', valueColumn: 'value' });
    const created = await upload({ name: '€ März.csv', text }, { source: 'euro-names', mapping });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fileName: '€ März.csv', counts: { valid: 1, invalid: 1 } });

    const csv = await fetch(`${harness.url}/api/v1/imports/${created.body.id}/rejected.csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="_ M_rz-rejected.csv"; filename*=UTF-8''%E2%82%AC%20M%C3%A4rz-rejected.csv`);
    expect((await csv.text()).split('\r\n')[1]).toMatch(/^3,time,/);

    const long = await upload({ name: `${'x'.repeat(500)}.csv`, text }, { source: 'euro-names' });
    expect(long.status).toBe(201);
    expect([...long.body.fileName]).toHaveLength(200);
    expect(long.body.fileName).toMatch(/^x+….csv$/);
  });

  it('keeps nothing when the mapping sent with the upload is refused', async () => {
    const before = await harness.stack.ctx.db.select({ id: readingImports.id }).from(readingImports);
    const refused = await upload({ name: 'bad-mapping.csv', text: 'meter,time,value\n' }, { source: 'bad-mappings', mapping: JSON.stringify({ timeColumn: 'when', valueColumn: 'value' }) });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^mapping/) })]));
    expect(await harness.stack.ctx.db.select({ id: readingImports.id }).from(readingImports)).toEqual(before);
  });

  it('documents every import endpoint, the upload as multipart/form-data and the rejected rows as CSV', async () => {
    const document = (await api.get('/api/v1/openapi.json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/imports',
        '/api/v1/imports/{importId}',
        '/api/v1/imports/{importId}/mapping',
        '/api/v1/imports/{importId}/errors',
        '/api/v1/imports/{importId}/commit',
        '/api/v1/imports/{importId}/rejected.csv',
      ]),
    );
    expect(Object.keys(document.paths['/api/v1/imports'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(document.paths['/api/v1/imports/{importId}/mapping'].put.operationId).toBe('setImportMapping');
    expect(Object.keys(document.paths['/api/v1/imports/{importId}/rejected.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });
});
