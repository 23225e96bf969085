// A loopback HTTP proxy in front of a server (the gateway stand-in) that can lose the answer to a
// request after the server has done it, the way a network does: the caller sees its connection
// close and cannot know whether the request happened.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnswerDroppingProxy {
  url: string;
  /** The next request whose method and path match is forwarded, and its answer dropped. */
  dropNextAnswer(method: string, path: RegExp): void;
  /** How many answers were dropped so far. */
  dropped(): number;
  close(): Promise<void>;
}

export async function startAnswerDroppingProxy(targetUrl: string): Promise<AnswerDroppingProxy> {
  const target = new URL(targetUrl);
  const pending: { method: string; path: RegExp }[] = [];
  let dropped = 0;
  const server = createServer((incoming, outgoing) => {
    const drop = pending.findIndex((rule) => rule.method === incoming.method && rule.path.test(incoming.url ?? ''));
    const rule = drop >= 0 ? pending.splice(drop, 1)[0] : undefined;
    const forwarded = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        if (rule) {
          // The server did the work; its answer never reaches the caller.
          answer.resume();
          answer.on('end', () => {
            dropped += 1;
            outgoing.socket?.destroy();
          });
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.socket?.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropNextAnswer(method, path) {
      pending.push({ method, path });
    },
    dropped: () => dropped,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
