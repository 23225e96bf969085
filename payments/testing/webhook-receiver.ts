// A webhook endpoint for tests: a real HTTP server on loopback that keeps every delivery's raw
// body and signature, and answers 200 unless told to fail the next ones.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  rawBody: Buffer;
  signature: string;
  /** The event's type and id, read from the body (the test still verifies it through the gateway). */
  eventType: string;
  eventId: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The next `count` deliveries are answered with `status` (default 500). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failures = 0;
  let failureStatus = 500;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        response.writeHead(failureStatus).end();
        return;
      }
      const rawBody = Buffer.concat(chunks);
      const parsed = JSON.parse(rawBody.toString('utf8')) as { id: string; type: string };
      received.push({ rawBody, signature: String(request.headers['stripe-signature'] ?? ''), eventType: parsed.type, eventId: parsed.id });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    failNext(count, status = 500) {
      failures = count;
      failureStatus = status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
