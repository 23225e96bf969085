// Every route stops reading a request body at its limit and answers 413 at once, whether the body
// declares its length or streams chunked without end: the sign-in page, the API, the inbound
// webhooks and the import uploads. The bodies here are generated as they are sent, never held in
// memory; the portal runs in this process, so its memory is this process's.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_BYTES, FORM_BODY_BYTES, IMPORT_UPLOAD_BYTES } from '../../portal/body-limits.server.js';
import { createPortalHarness, TEST_INBOUND_SETTINGS, type PortalHarness } from '../support/portal-harness.js';

let harness: PortalHarness;
let token: string;

beforeAll(async () => {
  harness = await createPortalHarness();
  token = await harness.newApiToken();
});
afterAll(() => harness?.dispose());

const MiB = 1024 * 1024;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Bytes written to the socket before the answer arrived (the rest was never sent). */
  sent: number;
  milliseconds: number;
}

/**
 * Posts `total` bytes of `fill`, 64 KiB at a time as the socket takes them, and stops sending as
 * soon as the answer arrives. Chunked unless `contentLength` is given (which may be a lie).
 */
function postLazily(path: string, total: number, headers: Record<string, string>, options: { contentLength?: number } = {}): Promise<Answer> {
  const started = performance.now();
  const piece = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = httpRequest(`${harness.url}${path}`, {
      method: 'POST',
      headers: { ...headers, ...(options.contentLength === undefined ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(options.contentLength) }) },
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer after ${sent} bytes`));
    }, 30_000);
    const pump = () => {
      while (!answered && sent < total) {
        sent += piece.length;
        if (!request.write(piece)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    request.on('response', (response) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, sent: sentBeforeAnswer, milliseconds: performance.now() - started });
      });
    });
    // Writing on after the server closed the connection fails; the answer came first.
    request.on('error', (error) => {
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    pump();
  });
}

/** The cookies of a staff member signed in through the form. */
async function signedInStaffCookie(): Promise<string> {
  const { email, password } = await harness.newStaff();
  const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const form = await fetch(`${harness.url}/staff/sign-in`);
  const csrf = cookiesOf(form).join('; ');
  const _csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await fetch(`${harness.url}/staff/sign-in`, { method: 'POST', redirect: 'manual', headers: { Cookie: csrf }, body: new URLSearchParams({ _csrf, email, password }) });
  expect(signedIn.status).toBe(302);
  return [csrf, ...cookiesOf(signedIn)].join('; ');
}

/** Runs `work` and tells how much the resident memory grew meanwhile (sampled, so a short peak counts). */
async function memoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('request bodies past their limit', () => {
  it('refuses a chunked 300 MB post to the sign-in page after 64 KiB, at once, without holding it', async () => {
    const { result, growth } = await memoryGrowth(() => postLazily('/sign-in', 300 * MiB, { 'Content-Type': 'application/x-www-form-urlencoded' }));
    expect(result.status).toBe(413);
    expect(result.headers.connection).toBe('close');
    expect(result.text).toContain(`larger than 64 KiB (${FORM_BODY_BYTES} bytes)`);
    expect(result.sent).toBeLessThan(50 * MiB);
    expect(result.milliseconds).toBeLessThan(5_000);
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('refuses a chunked 300 MB API body after 1 MiB with a problem', async () => {
    const { result, growth } = await memoryGrowth(() => postLazily('/api/v1/customers', 300 * MiB, { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }));
    expect(result.status).toBe(413);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.text)).toMatchObject({ type: 'urn:uplink:problem:body-too-large', status: 413, detail: expect.stringContaining(`1 MiB (${API_BODY_BYTES} bytes)`) });
    expect(result.sent).toBeLessThan(50 * MiB);
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('answers a request without an API key before reading its body, and reads no more of it', async () => {
    const { result, growth } = await memoryGrowth(() => postLazily('/api/v1/customers', 300 * MiB, { 'Content-Type': 'application/json' }));
    expect(result.status).toBe(401);
    expect(result.headers.connection).toBe('close');
    expect(result.sent).toBeLessThan(50 * MiB);
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('gives the readings batch its 4 MiB, and no more', async () => {
    const withinLimit = await postLazily('/api/v1/readings', 2 * MiB, { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` });
    // Read whole (a body of "aaa..." is no JSON), not cut off at 1 MiB.
    expect(withinLimit.status).toBe(400);
    const over = await postLazily('/api/v1/readings', 100 * MiB, { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` });
    expect(over.status).toBe(413);
    expect(over.text).toContain('4 MiB');
  });

  it('refuses a declared Content-Length over the limit before reading any of it', async () => {
    const answer = await postLazily('/sign-in', 10 * MiB, { 'Content-Type': 'application/x-www-form-urlencoded' }, { contentLength: 200 * MiB });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(50 * MiB);
    const upload = await postLazily('/api/v1/imports', 10 * MiB, { 'Content-Type': 'multipart/form-data; boundary=x', Authorization: `Bearer ${token}` }, { contentLength: IMPORT_UPLOAD_BYTES + 1 });
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.text)).toMatchObject({ type: 'urn:uplink:problem:body-too-large', detail: expect.stringContaining('512 MiB') });
  });

  it('gives a form posted to the upload page the form limit, not the upload limit', async () => {
    const { result, growth } = await memoryGrowth(async () =>
      postLazily('/staff/imports', 100 * MiB, { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await signedInStaffCookie() }),
    );
    expect(result.status).toBe(413);
    expect(result.text).toContain('64 KiB');
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('refuses a chunked raw message over 10 MiB on the inbound webhook with its JSON answer', async () => {
    const { result, growth } = await memoryGrowth(() =>
      postLazily('/webhooks/inbound-mime', 100 * MiB, { 'Content-Type': 'message/rfc822', Authorization: `Bearer ${TEST_INBOUND_SETTINGS.mimeSecret}` }),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text)).toEqual({ status: 413, detail: expect.stringContaining('10 MiB') });
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('still serves the next request after refusing one', async () => {
    await postLazily('/sign-in', 100 * MiB, { 'Content-Type': 'application/x-www-form-urlencoded' });
    const page = await fetch(`${harness.url}/sign-in`);
    expect(page.status).toBe(200);
  });
});
