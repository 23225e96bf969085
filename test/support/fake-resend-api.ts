// A real HTTP server on loopback standing in for api.resend.com, so the real Resend SDK code
// path runs in tests. It records every request and answers from a queue of replies (default:
// 200 with a fresh message id).
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

export interface FakeResendApi {
  baseUrl: string;
  received: ReceivedRequest[];
  /** Replies for the next requests, in order; afterwards every request succeeds. */
  replies: Reply[];
  close(): Promise<void>;
}

export async function startFakeResendApi(): Promise<FakeResendApi> {
  const received: ReceivedRequest[] = [];
  const replies: Reply[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body: JSON.parse(raw) });
      const reply = replies.shift() ?? { status: 200, body: { id: `email_${received.length}` } };
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    replies,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A loopback URL whose port was just freed, so connecting to it is refused. */
export async function urlOfClosedPort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
