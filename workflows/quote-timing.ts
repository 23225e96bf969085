// When a quote's workflow wakes up: the quote is valid through the whole of its last day (UTC), and
// the customer is reminded three days before that, or halfway through when the quote is shorter.
import { addDays, epochMsOfIsoDate, type IsoDate } from '../billing/calendar.js';

const DAY_MS = 86_400_000;
export const REMINDER_DAYS_BEFORE_EXPIRY = 3;

/** The instant the quote stops being acceptable: midnight UTC after its last valid day. */
export function validityEndMs(validUntil: IsoDate): number {
  return epochMsOfIsoDate(addDays(validUntil, 1));
}

/** When to remind a customer who was sent the quote at `sentAtMs`. */
export function reminderDueMs(sentAtMs: number, validUntil: IsoDate): number {
  const endMs = validityEndMs(validUntil);
  const halfway = sentAtMs + Math.floor((endMs - sentAtMs) / 2);
  return Math.max(endMs - REMINDER_DAYS_BEFORE_EXPIRY * DAY_MS, halfway);
}
