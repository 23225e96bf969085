// GET /v1/events/<id> and GET /v1/events (newest first, as Stripe lists them).
import { invalidRequest } from './errors.js';
import { optionalInteger, optionalString } from './params.js';
import { answer, type ApiHandler } from './state.js';

export const retrieveEvent: ApiHandler = (state, call) => answer(state, call, state.store.get(call.ids[0]!, 'event'));

export const listEvents: ApiHandler = (state, call) => {
  const limit = optionalInteger(call.params, 'limit', { min: 1, max: 100 }) ?? 10;
  const type = optionalString(call.params, 'type');
  const startingAfter = optionalString(call.params, 'starting_after');
  let events = state.events.list().reverse();
  if (type !== undefined) events = events.filter((event) => matchesType(event.type, type));
  if (startingAfter !== undefined) {
    const index = events.findIndex((event) => event.id === startingAfter);
    if (index < 0) throw invalidRequest(`No such event: '${startingAfter}'`, { param: 'starting_after' });
    events = events.slice(index + 1);
  }
  return { status: 200, body: { object: 'list', url: '/v1/events', has_more: events.length > limit, data: events.slice(0, limit) } };
};

/** Stripe's `type` filter takes a `*` wildcard: `charge.dispute.*`. */
function matchesType(eventType: string, filter: string): boolean {
  if (!filter.includes('*')) return eventType === filter;
  const pattern = new RegExp(`^${filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pattern.test(eventType);
}
