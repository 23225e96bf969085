// A local stand-in for the part of Stripe's API this project uses, for the demo and the tests:
// the real `stripe` SDK talks to it over HTTP, customers save cards on its hosted page, and it
// sends signed webhooks. Start one with startGatewayStandIn; drive what the bank and Stripe would
// do with its test controls (StandInControls).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { StandInControls } from './controls-client.js';
import { IdempotencyKeys } from './idempotency.js';
import { createStandInServer } from './server.js';
import { createState } from './state.js';
import { DEFAULT_SENDER_OPTIONS, WebhookSender } from './webhook-sender.js';

export { StandInControls } from './controls-client.js';
export type { DeliveryState } from './webhook-sender.js';

export interface GatewayStandInOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  host?: string;
  /** Where events are sent; none: events are only kept (set one later with setWebhookUrl). */
  webhookUrl?: string;
  /** The endpoint's signing secret; default a fresh `whsec_...`. */
  webhookSecret?: string;
  /** Pauses between delivery tries of one event; after the last, the event waits for redelivery. */
  webhookRetryDelaysMs?: readonly number[];
}

export interface GatewayStandIn {
  /** Base URL, e.g. http://127.0.0.1:41234: give it to the adapter as its API base. */
  url: string;
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  setWebhookUrl(url: string | null): void;
  /** The test controls, over HTTP like any other process would use them. */
  controls: StandInControls;
  close(): Promise<void>;
}

export async function startGatewayStandIn(options: GatewayStandInOptions = {}): Promise<GatewayStandIn> {
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(18).toString('base64url');
  const secretKey = `sk_test_standin_${token}`;
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString('base64')}`;
  const state = createState();
  const sender = new WebhookSender({ ...DEFAULT_SENDER_OPTIONS, ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}) });
  if (options.webhookUrl) sender.setEndpoint({ url: options.webhookUrl, secret: webhookSecret });
  state.events.onEvent((event) => sender.enqueue(event));

  const server = createStandInServer({ state, sender, faults: { dropResponses: 0 }, secretKey, keys: new IdempotencyKeys() });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.baseUrl = url;

  return {
    url,
    secretKey,
    publishableKey: `pk_test_standin_${token}`,
    webhookSecret,
    setWebhookUrl(webhookUrl) {
      sender.setEndpoint(webhookUrl === null ? null : { url: webhookUrl, secret: sender.getEndpoint()?.secret ?? webhookSecret });
    },
    controls: new StandInControls(url, secretKey),
    async close() {
      sender.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
