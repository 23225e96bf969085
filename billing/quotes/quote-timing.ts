// A quote's dates: how long it is valid, when it runs out and when its customer is reminded. A quote
// is valid through the whole of its last day (UTC); the reminder goes three days before it runs
// out, or halfway through when the quote is shorter than that.
import { addDays, compareIsoDate, epochMsOfIsoDate, type IsoDate } from '../calendar.js';

const DAY_MS = 86_400_000;
export const REMINDER_DAYS_BEFORE_EXPIRY = 3;
/** How long a quote is valid when neither its last day nor a number of days is given. */
export const DEFAULT_VALID_DAYS = 30;
/** The longest validity a quote may have: its workflow waits no longer than this. */
export const MAX_VALID_DAYS = 366;

/** The last valid day of a quote made on `today` that is valid for `validDays` days. */
export function validUntilFor(today: IsoDate, validDays: number = DEFAULT_VALID_DAYS): IsoDate {
  return addDays(today, validDays);
}

/** Why `validUntil` cannot be the last valid day of a quote made on `today`; null when it can. */
export function validUntilProblem(validUntil: IsoDate, today: IsoDate): string | null {
  if (compareIsoDate(validUntil, today) <= 0) return `must be after today (${today})`;
  const latest = validUntilFor(today, MAX_VALID_DAYS);
  if (compareIsoDate(validUntil, latest) > 0) return `must be at most ${MAX_VALID_DAYS} days from today (${latest})`;
  return null;
}

/** The instant the quote stops being acceptable: midnight UTC after its last valid day. */
export function validityEndMs(validUntil: IsoDate): number {
  return epochMsOfIsoDate(addDays(validUntil, 1));
}

/** Whether the quote has run out at the instant `atMs`. */
export function hasRunOutAt(validUntil: IsoDate, atMs: number): boolean {
  return atMs >= validityEndMs(validUntil);
}

/** Whether the quote has run out by the day `today`: its last valid day is behind it. */
export function hasRunOutOn(validUntil: IsoDate, today: IsoDate): boolean {
  return compareIsoDate(validUntil, today) < 0;
}

/** When to remind a customer who was sent the quote at `sentAtMs`. */
export function reminderDueMs(sentAtMs: number, validUntil: IsoDate): number {
  const endMs = validityEndMs(validUntil);
  const halfway = sentAtMs + Math.floor((endMs - sentAtMs) / 2);
  return Math.max(endMs - REMINDER_DAYS_BEFORE_EXPIRY * DAY_MS, halfway);
}
