// A loopback endpoint that keeps every webhook a gateway sends, raw body and signature as they
// arrived, so a test hands them to the adapter's own verification exactly as the portal would.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  rawBody: Buffer;
  signature: string;
  /** The event's type and id, and the id of the object it is about, read from the body. */
  type: string;
  id: string;
  objectId: string;
}

export interface WebhookInbox {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookInbox(): Promise<WebhookInbox> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const parsed = JSON.parse(rawBody.toString('utf8')) as { id: string; type: string; data: { object: { id: string } } };
      received.push({ rawBody, signature: String(request.headers['stripe-signature'] ?? ''), type: parsed.type, id: parsed.id, objectId: parsed.data.object.id });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
