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

export interface DeliveredEvent {
  type: string;
  object: { id: string } & Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The next `count` deliveries (of events `matching`, default all) are answered with `status` (default 500). */
  failNext(count: number, options?: { status?: number; matching?: (event: DeliveredEvent) => boolean }): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let failures = 0;
  let failureStatus = 500;
  let failing: (event: DeliveredEvent) => boolean = () => true;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const parsed = JSON.parse(rawBody.toString('utf8')) as { id: string; type: string; data: { object: DeliveredEvent['object'] } };
      if (failures > 0 && failing({ type: parsed.type, object: parsed.data.object })) {
        failures -= 1;
        response.writeHead(failureStatus).end();
        return;
      }
      received.push({ rawBody, signature: String(request.headers['stripe-signature'] ?? ''), eventType: parsed.type, eventId: parsed.id });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    failNext(count, options = {}) {
      failures = count;
      failureStatus = options.status ?? 500;
      failing = options.matching ?? (() => true);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
