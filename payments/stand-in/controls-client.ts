// The stand-in's test controls as typed calls, for tests and the demo, from this process or
// another one (all it needs is the stand-in's URL and secret key).
import type { DeliveryState } from './webhook-sender.js';

export interface StandInEvent {
  id: string;
  type: string;
  created: number;
  data: { object: { id: string; object: string } & Record<string, unknown> };
  delivery: DeliveryState | null;
}

export interface StandInCard {
  id: string;
  customer: string;
  card: { brand: string; last4: string; exp_month: number; exp_year: number };
}

export interface WebhookStatus {
  url: string | null;
  paused: boolean;
  queued: string[];
  deliveries: DeliveryState[];
}

export class StandInControlError extends Error {
  override readonly name = 'StandInControlError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export class StandInControls {
  constructor(
    private readonly baseUrl: string,
    private readonly secretKey: string,
  ) {}

  /** Saves a card for the customer exactly as the hosted page would (same checks, same object). */
  saveCard(customerId: string, card: { number: string; expMonth: number; expYear: number; cvc?: string }): Promise<StandInCard> {
    return this.call('POST', `/customers/${encodeURIComponent(customerId)}/cards`, {
      number: card.number,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      cvc: card.cvc,
    });
  }

  /** The card holder disputes a charge (whole by default). */
  openDispute(chargeId: string, options: { amount?: number; reason?: string } = {}): Promise<{ id: string; status: string; amount: number; currency: string }> {
    return this.call('POST', `/charges/${encodeURIComponent(chargeId)}/disputes`, options);
  }

  closeDispute(disputeId: string, status: 'won' | 'lost'): Promise<{ id: string; status: string }> {
    return this.call('POST', `/disputes/${encodeURIComponent(disputeId)}/close`, { status });
  }

  /** Pays out the available balance (of one currency, or all) and sends payout.paid. */
  async payOut(currency?: string): Promise<{ id: string; amount: number; currency: string }[]> {
    const answer = await this.call<{ data: { id: string; amount: number; currency: string }[] }>('POST', '/payouts', { currency });
    return answer.data;
  }

  /** Every event so far, oldest first, with how its delivery went. */
  async events(type?: string): Promise<StandInEvent[]> {
    const answer = await this.call<{ data: StandInEvent[] }>('GET', '/events');
    return type === undefined ? answer.data : answer.data.filter((event) => event.type === type);
  }

  /** Sends the event once more, now, even while deliveries are paused; resolves with the receiver's status. */
  redeliver(eventId: string): Promise<{ status: number | null; error: string | null }> {
    return this.call('POST', `/events/${encodeURIComponent(eventId)}/redeliver`);
  }

  pauseWebhooks(): Promise<WebhookStatus> {
    return this.call('POST', '/webhooks/pause');
  }

  resumeWebhooks(): Promise<WebhookStatus> {
    return this.call('POST', '/webhooks/resume');
  }

  webhooks(): Promise<WebhookStatus> {
    return this.call('GET', '/webhooks');
  }

  /** Where events go (null: nowhere), and optionally a new signing secret. */
  setWebhookEndpoint(url: string | null, secret?: string): Promise<WebhookStatus> {
    return this.call('POST', '/webhooks', { url, secret });
  }

  /** The next `count` API answers are dropped after the work is done: the caller sees its connection close. */
  dropResponses(count: number): Promise<{ drop_responses: number }> {
    return this.call('POST', '/faults', { drop_responses: count });
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_stand-in${path}`, {
      method,
      headers: { authorization: `Bearer ${this.secretKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const answer = (await response.json()) as unknown;
    if (!response.ok) {
      const message = (answer as { error?: { message?: string } }).error?.message ?? `HTTP ${response.status}`;
      throw new StandInControlError(`Stand-in control ${method} ${path} failed: ${message}`, response.status, answer);
    }
    return answer as T;
  }
}
