// A real HTTP server on loopback standing in for api.resend.com, so the real Resend SDK code
// path runs in tests. It records every request and answers from a queue of replies (default:
// 200 with a fresh message id). Received (inbound) emails put in `receivedEmails` are served by
// GET /emails/receiving/{id}, their original bytes behind the download link the API hands out.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Reply {
  status: number;
  body: unknown;
}

/** A message Resend received, as its receiving API describes it. */
export interface FakeReceivedEmail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text?: string | null;
  html?: string | null;
  cc?: string[];
  receivedFor?: string[];
  attachments?: { filename: string; contentType: string; size: number }[];
  /** Headers as the receiving API lists them (name to value); null when not given. */
  headers?: Record<string, string>;
  /** The original message; when given, the API offers it as a download link. */
  raw?: Buffer | string;
}

export interface FakeResendApi {
  baseUrl: string;
  received: ReceivedRequest[];
  /** Replies for the next requests, in order; afterwards every request succeeds. */
  replies: Reply[];
  /** Inbound emails by Resend id, for GET /emails/receiving/{id}; an unknown id answers 404. */
  receivedEmails: Map<string, FakeReceivedEmail>;
  close(): Promise<void>;
}

export async function startFakeResendApi(): Promise<FakeResendApi> {
  const received: ReceivedRequest[] = [];
  const replies: Reply[] = [];
  const receivedEmails = new Map<string, FakeReceivedEmail>();
  let baseUrl = '';
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body: raw === '' ? null : JSON.parse(raw) });
      const receiving = request.method === 'GET' ? serveReceiving(request.url ?? '') : null;
      if (receiving) {
        response.writeHead(receiving.status, { 'content-type': receiving.type }).end(receiving.body);
        return;
      }
      const reply = replies.shift() ?? { status: 200, body: { id: `email_${received.length}` } };
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });

  function serveReceiving(url: string): { status: number; type: string; body: string | Buffer } | null {
    const download = /^\/raw\/([^/?]+)$/.exec(url);
    if (download) {
      const raw = receivedEmails.get(decodeURIComponent(download[1] ?? ''))?.raw;
      return raw === undefined ? notFound() : { status: 200, type: 'message/rfc822', body: raw };
    }
    const get = /^\/emails\/receiving\/([^/?]+)/.exec(url);
    if (!get) return null;
    const id = decodeURIComponent(get[1] ?? '');
    const email = receivedEmails.get(id);
    if (!email) return notFound();
    const body = {
      object: 'email',
      id,
      to: email.to,
      from: email.from,
      created_at: new Date().toISOString(),
      subject: email.subject,
      bcc: null,
      cc: email.cc ?? null,
      reply_to: null,
      received_for: email.receivedFor ?? email.to,
      html: email.html ?? null,
      text: email.text ?? null,
      headers: email.headers ?? null,
      message_id: email.messageId,
      raw: email.raw === undefined ? null : { download_url: `${baseUrl}/raw/${encodeURIComponent(id)}`, expires_at: new Date(Date.now() + 3_600_000).toISOString() },
      attachments: (email.attachments ?? []).map((attachment, index) => ({
        id: `att_${index}`,
        filename: attachment.filename,
        size: attachment.size,
        content_type: attachment.contentType,
        content_id: null,
        content_disposition: 'attachment',
      })),
    };
    return { status: 200, type: 'application/json', body: JSON.stringify(body) };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    received,
    replies,
    receivedEmails,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function notFound() {
  return { status: 404, type: 'application/json', body: JSON.stringify({ statusCode: 404, name: 'not_found', message: 'Email not found' }) };
}

/**
 * The headers Resend (through Svix) sends with a webhook: HMAC-SHA256 over "id.timestamp.body"
 * with the secret's base64 key, as `v1,<base64>`. `timestamp` in seconds; default now.
 */
export function signResendWebhook(payload: string, secret: string, options: { id?: string; timestamp?: number } = {}): Record<string, string> {
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64');
  return { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` };
}

/** A loopback URL whose port was just freed, so connecting to it is refused. */
export async function urlOfClosedPort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
