// Every request body is bounded before any route reads it. Each route has a limit (the table
// below, from the constants the route code checks too): a Content-Length over it is refused before
// a byte is read, and a chunked body is counted as it streams and cut off at the limit. Either
// way the client gets 413 at once with `Connection: close`, the rest of its upload is dropped
// unread, and the route's own read fails with BodyTooLargeError. (An unauthenticated post to the
// sign-in page is thus refused after 64 KiB, not held in memory whole before its 403.)
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { Request, Response } from 'express';
import { MAX_INBOUND_MIME_BYTES } from '../../emails/inbound/parse-inbound-mail.js';
import { API_BODY_BYTES, BodyTooLargeError, describeBytes, FORM_BODY_BYTES, IMPORT_UPLOAD_BYTES, RESEND_EVENT_BYTES, STRIPE_EVENT_BYTES } from '../../portal/body-limits.server.js';
import { allEndpoints } from '../../portal/api/endpoints.server.js';
import { bodyTooLarge } from '../../portal/api/handle-endpoint.server.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface LargerBody {
  method: string;
  path: RegExp;
  bytes: number;
  /** File uploads: only a multipart body gets the larger limit. */
  multipartOnly?: boolean;
}

/** API endpoints that accept more than the usual JSON body (a batch of readings, a file upload). */
const largerApiBodies: LargerBody[] = allEndpoints
  .filter((endpoint) => endpoint.maxBodyBytes !== undefined)
  .map((endpoint) => ({
    method: endpoint.method,
    path: new RegExp(`^${escapeRegExp(endpoint.path).replace(/\\\{[^/]+?\\\}/g, '[^/]+')}/?$`, 'i'),
    bytes: endpoint.maxBodyBytes ?? API_BODY_BYTES,
    multipartOnly: endpoint.bodyEncoding === 'multipart',
  }));

const largerPageBodies: LargerBody[] = [
  { method: 'POST', path: /^\/webhooks\/inbound-mime\/?$/i, bytes: MAX_INBOUND_MIME_BYTES },
  { method: 'POST', path: /^\/webhooks\/resend\/inbound\/?$/i, bytes: RESEND_EVENT_BYTES },
  { method: 'POST', path: /^\/webhooks\/stripe\/?$/i, bytes: STRIPE_EVENT_BYTES },
  { method: 'POST', path: /^\/staff\/imports\/?$/i, bytes: IMPORT_UPLOAD_BYTES, multipartOnly: true },
];

/**
 * The most a route reads. A request that matches no larger entry (a typo, an odd spelling, a form
 * posted to an upload route) gets the small default, so a mismatch only ever makes a limit stricter.
 */
export function bodyLimitFor(method: string, pathname: string, contentType = ''): number {
  // A single-fetch form post from the browser goes to the page's path plus ".data".
  const path = pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/');
  const multipart = /^multipart\/form-data\s*;/i.test(contentType);
  const larger = [...largerApiBodies, ...largerPageBodies].find(
    (entry) => entry.method === method.toUpperCase() && entry.path.test(path) && (multipart || !entry.multipartOnly),
  );
  if (larger) return larger.bytes;
  return isApiPath(path) ? API_BODY_BYTES : FORM_BODY_BYTES;
}

const isApiPath = (pathname: string) => /^\/api\//i.test(pathname);

/**
 * The request's body as the route may read it: at most `limit` bytes. `onRefused` runs once when
 * the body is refused, to answer `tooLargeAnswer` and cancel the route's work: at once when the
 * declared Content-Length is too large (then the result is null and nothing is read), or when a
 * chunked body passes the limit (then reading the result fails with BodyTooLargeError).
 */
export function boundedBody(request: Request, limit: number, onRefused: () => void): Readable | null {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    onRefused();
    return null;
  }
  let seen = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen <= limit) return callback(null, chunk);
      // Stop reading the socket; the answer closes the connection, dropping the rest of the upload.
      request.unpipe(bounded);
      request.pause();
      onRefused();
      callback(new BodyTooLargeError(limit));
    },
  });
  request.pipe(bounded);
  // A client that goes away mid-body must not look like a body that ended.
  request.once('close', () => {
    if (!request.complete) bounded.destroy(new Error('the client closed the connection before sending the whole body'));
  });
  return bounded;
}

/** The 413 in the route's own kind of answer: problem+json for the API, JSON for webhooks, text for pages. */
export function tooLargeAnswer(pathname: string, limit: number): globalThis.Response {
  if (isApiPath(pathname)) return bodyTooLarge(limit);
  const headers = { 'Cache-Control': 'no-store' };
  const allowed = `${describeBytes(limit)} (${limit} bytes)`;
  if (/^\/webhooks\//i.test(pathname)) return globalThis.Response.json({ status: 413, detail: `The body may be at most ${allowed}.` }, { status: 413, headers });
  return new globalThis.Response(`The request is larger than ${allowed}, the most this page accepts; nothing was stored.`, {
    status: 413,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * How long a connection stays open after answering a request whose body was not read whole: what
 * the client still sends meanwhile is dropped, so a client busy uploading reads our answer rather
 * than a connection reset.
 */
const LINGER_MS = 2_000;

/**
 * Answers with `Connection: close` for a request whose body is not read whole: once the answer is
 * sent, the rest of the body goes nowhere, and the connection closes after LINGER_MS at most.
 */
export function closeAfterAnswer(request: Request, response: Response): void {
  response.set('Connection', 'close');
  const socket = request.socket;
  // Node's HTTP server calls destroySoon once a `Connection: close` answer is sent.
  socket.destroySoon = () => {
    socket.end();
    request.unpipe();
    request.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
