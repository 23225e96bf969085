// What one stand-in holds: its objects, its events, and what each saved card does when charged.
import { randomBytes } from 'node:crypto';
import type { RequestRef } from './events.js';
import { EventLog } from './events.js';
import type { FormParams } from './form-body.js';
import { ObjectStore, type StripeObject } from './objects.js';
import { stringList } from './params.js';
import type { ChargeBehaviour } from './test-cards.js';

export interface StandInState {
  readonly store: ObjectStore;
  readonly events: EventLog;
  /** By payment method id. Kept beside the objects, never on the wire. */
  readonly cardBehaviours: Map<string, ChargeBehaviour>;
  /** Keys the card fingerprints of this stand-in. */
  readonly fingerprintKey: Buffer;
  /** Where the stand-in is served, for the URLs of its hosted pages. */
  baseUrl: string;
}

export function createState(): StandInState {
  const store = new ObjectStore();
  return { store, events: new EventLog(store), cardBehaviours: new Map(), fingerprintKey: randomBytes(32), baseUrl: '' };
}

/** One API request, read: its parameters (body or query), the ids in its path, and its reference for events. */
export interface ApiCall {
  params: FormParams;
  ids: string[];
  request: RequestRef;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export type ApiHandler = (state: StandInState, call: ApiCall) => ApiAnswer;

/** 200 with the object as the caller asked to see it (`expand[]`). */
export function answer(state: StandInState, call: ApiCall, object: StripeObject): ApiAnswer {
  return { status: 200, body: state.store.render(object, expandOf(call.params)) };
}

export function expandOf(params: FormParams): string[] {
  return stringList(params, 'expand');
}
