// Sends each event to the webhook endpoint, signed as Stripe signs them, in the background: an
// API answer never waits for a delivery. A receiver that is down or answers non-2xx gets the event
// again after growing pauses; after the last try the event is kept as failed, for redelivery by a
// test control. While paused, events wait in order and go out on resume.
import type { EventObject } from './objects.js';
import { stripeSignatureHeader } from './signature.js';

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export interface DeliveryState {
  eventId: string;
  state: 'queued' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  /** The receiver's last HTTP status; null when it could not be reached. */
  lastStatus: number | null;
  lastError: string | null;
}

export interface SenderOptions {
  /** Pauses before the 2nd, 3rd, ... try; after the last, the event is kept as failed. */
  retryDelaysMs: readonly number[];
  /** How long one try waits for the receiver. */
  timeoutMs: number;
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = { retryDelaysMs: [500, 2_000, 8_000], timeoutMs: 10_000 };

export class WebhookSender {
  private endpoint: WebhookEndpoint | null = null;
  private paused = false;
  private closed = false;
  private readonly queue: EventObject[] = [];
  private readonly deliveries = new Map<string, DeliveryState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: SenderOptions = DEFAULT_SENDER_OPTIONS) {}

  setEndpoint(endpoint: WebhookEndpoint | null): void {
    this.endpoint = endpoint;
  }

  getEndpoint(): WebhookEndpoint | null {
    return this.endpoint;
  }

  /** A new event: sent now, or queued while paused. Without an endpoint it is only kept (as Stripe's are). */
  enqueue(event: EventObject): void {
    if (this.closed || !this.endpoint) return;
    this.deliveries.set(event.id, { eventId: event.id, state: 'queued', attempts: 0, lastStatus: null, lastError: null });
    if (this.paused) this.queue.push(event);
    else this.send(event, 0);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const event of this.queue.splice(0)) this.send(event, 0);
  }

  /** One try now, paused or not, whatever happened before: how tests send duplicates and out-of-order events. */
  async redeliver(event: EventObject): Promise<{ status: number | null; error: string | null }> {
    const result = await this.attempt(event);
    this.record(event.id, result, result.ok ? 'delivered' : 'failed');
    return { status: result.status, error: result.error };
  }

  status(): { url: string | null; paused: boolean; queued: string[]; deliveries: DeliveryState[] } {
    return {
      url: this.endpoint?.url ?? null,
      paused: this.paused,
      queued: this.queue.map((event) => event.id),
      deliveries: [...this.deliveries.values()].map((delivery) => ({ ...delivery })),
    };
  }

  delivery(eventId: string): DeliveryState | null {
    const found = this.deliveries.get(eventId);
    return found ? { ...found } : null;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
  }

  private send(event: EventObject, tryIndex: number): void {
    if (this.closed) return;
    this.record(event.id, null, 'sending');
    void this.attempt(event).then((result) => {
      if (result.ok) return this.record(event.id, result, 'delivered');
      const delay = this.options.retryDelaysMs[tryIndex];
      if (delay === undefined || this.closed) return this.record(event.id, result, 'failed');
      this.record(event.id, result, 'queued');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.send(event, tryIndex + 1);
      }, delay);
      this.timers.add(timer);
    });
  }

  private record(eventId: string, result: { status: number | null; error: string | null } | null, state: DeliveryState['state']): void {
    const delivery = this.deliveries.get(eventId) ?? { eventId, state, attempts: 0, lastStatus: null, lastError: null };
    delivery.state = state;
    if (result) {
      delivery.attempts += 1;
      delivery.lastStatus = result.status;
      delivery.lastError = result.error;
    }
    this.deliveries.set(eventId, delivery);
  }

  /** Never throws: a receiver's failure is a result. */
  private async attempt(event: EventObject): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const endpoint = this.endpoint;
    if (!endpoint) return { ok: false, status: null, error: 'no webhook endpoint is set' };
    const payload = JSON.stringify(event, null, 2);
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': stripeSignatureHeader(payload, endpoint.secret),
        },
        body: payload,
        signal: controller.signal,
      });
      // Read (and drop) the answer so the connection can be reused or closed.
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, status: response.status, error: ok ? null : `the receiver answered ${response.status}` };
    } catch (error) {
      return { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}
