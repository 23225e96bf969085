// A promise to pay: the customer (or staff for them) names a day by which they will pay, and until
// then nothing cuts their service or ends the episode. One per episode, bounded by the policy, so
// that promises cannot put suspension off for ever.
import { addDays, parseIsoDate, type IsoDate } from './billing-parts.js';
import { isFinalAction } from './actions.js';
import type { EpisodeState } from './evaluate-episode.js';
import type { DunningPolicy } from './policy.js';
import { actionOfStepKey } from './steps.js';

export type PromiseAcceptance = { ok: true; episode: EpisodeState } | { ok: false; reason: string };

export const PROMISE_NO_EPISODE = 'Nothing is overdue, so there is no payment to promise.';
export const PROMISE_NOT_ACCEPTED = 'This dunning policy accepts no promises to pay.';
export const PROMISE_EPISODE_ENDED = 'The overdue episode has come to its end; a promise to pay no longer changes it.';

export function promiseAlreadyMade(until: IsoDate): string {
  return `A promise to pay was already made in this overdue episode (until ${until}); only one is accepted per episode.`;
}

export function promiseInPast(until: IsoDate, madeOn: IsoDate): string {
  return `The promised day ${until} has already passed (today is ${madeOn}).`;
}

export function promiseBeyondLimit(policy: DunningPolicy, madeOn: IsoDate): string {
  const days = policy.maxPromiseDays === 1 ? '1 day' : `${policy.maxPromiseDays} days`;
  return `A promise to pay may run at most ${days}: the latest day is ${promiseLimit(policy, madeOn)}.`;
}

/** The latest day a promise made on `madeOn` may name. */
export function promiseLimit(policy: DunningPolicy, madeOn: IsoDate): IsoDate {
  return addDays(madeOn, policy.maxPromiseDays);
}

/**
 * The episode with the promise recorded, or the sentence saying why it is refused. A promise to
 * pay today is accepted: it holds today's steps until tomorrow.
 */
export function acceptPromise(policy: DunningPolicy, episode: EpisodeState | null, madeOn: IsoDate, until: IsoDate): PromiseAcceptance {
  parseIsoDate(madeOn, 'madeOn');
  parseIsoDate(until, 'until');
  if (!episode) return { ok: false, reason: PROMISE_NO_EPISODE };
  if (episode.stepsTaken.some((key) => { const action = actionOfStepKey(key); return action !== null && isFinalAction(action); })) {
    return { ok: false, reason: PROMISE_EPISODE_ENDED };
  }
  if (policy.maxPromiseDays === 0) return { ok: false, reason: PROMISE_NOT_ACCEPTED };
  if (episode.promiseToPayUntil !== null) return { ok: false, reason: promiseAlreadyMade(episode.promiseToPayUntil) };
  if (until < madeOn) return { ok: false, reason: promiseInPast(until, madeOn) };
  if (until > promiseLimit(policy, madeOn)) return { ok: false, reason: promiseBeyondLimit(policy, madeOn) };
  return { ok: true, episode: { ...episode, promiseToPayUntil: until } };
}
