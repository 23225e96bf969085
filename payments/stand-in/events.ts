// Every change of state is an Event, kept (GET /v1/events/<id>) and handed to whoever listens
// (the webhook sender). The event holds a snapshot of the object as it was at that moment, as
// Stripe's do: later changes do not reach into events already sent.
import { newId, nowSeconds } from './ids.js';
import type { EventObject, ObjectStore, StripeObject } from './objects.js';

/** The API version the stand-in's objects follow (that of the stripe SDK this project uses). */
export const STAND_IN_API_VERSION = '2026-10-28.endive';

/** The API request that made a change, as events name it. */
export interface RequestRef {
  id: string | null;
  idempotencyKey: string | null;
}

export const NO_REQUEST: RequestRef = { id: null, idempotencyKey: null };

export class EventLog {
  private readonly order: string[] = [];
  private readonly listeners: ((event: EventObject) => void)[] = [];

  constructor(private readonly store: ObjectStore) {}

  onEvent(listener: (event: EventObject) => void): void {
    this.listeners.push(listener);
  }

  emit(type: string, object: StripeObject, request: RequestRef): EventObject {
    const event = this.store.put<EventObject>({
      id: newId('evt'),
      object: 'event',
      api_version: STAND_IN_API_VERSION,
      type,
      created: nowSeconds(),
      data: { object: structuredClone(object) },
      request: { id: request.id, idempotency_key: request.idempotencyKey },
      pending_webhooks: 1,
      livemode: false,
    });
    this.order.push(event.id);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Oldest first. */
  list(): EventObject[] {
    return this.order.map((id) => this.store.get(id, 'event'));
  }
}
