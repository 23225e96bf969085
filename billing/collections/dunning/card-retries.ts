// When a failed card charge is tried again: on the policy's retry days counted from the failure,
// whether or not the invoice is due yet. Only a soft decline is retried; a hard one (expired,
// stolen, closed account) cannot succeed on the same card, and a bank asking for 3-D Secure needs
// the card holder present, so both wait for the customer instead.
import { addDays, parseIsoDate, type DeclineKind, type IsoDate } from './billing-parts.js';
import type { DunningPolicy } from './policy.js';

/**
 * The day of the next retry after `retriesDone` retries of a charge that first failed on
 * `failedOn` (with `declineKind` the last decline's kind), or null when the card is not tried again.
 */
export function cardRetryPlan(policy: DunningPolicy, failedOn: IsoDate, declineKind: DeclineKind, retriesDone: number): IsoDate | null {
  parseIsoDate(failedOn, 'failedOn');
  if (!Number.isSafeInteger(retriesDone) || retriesDone < 0) {
    throw new RangeError(`cardRetryPlan: retriesDone must be a whole number from 0, got ${retriesDone}`);
  }
  if (declineKind !== 'soft') return null;
  const days = policy.cardRetryDays[retriesDone];
  return days === undefined ? null : addDays(failedOn, days);
}

/** What the customer must do when the card is no longer retried, for the email and the status. */
export type CardRetryEnd = 'new_card_needed' | 'authentication_needed' | 'retries_used_up';

export function cardRetryEnd(policy: DunningPolicy, declineKind: DeclineKind, retriesDone: number): CardRetryEnd | null {
  if (declineKind === 'hard') return 'new_card_needed';
  if (declineKind === 'needs_authentication') return 'authentication_needed';
  return retriesDone >= policy.cardRetryDays.length ? 'retries_used_up' : null;
}
