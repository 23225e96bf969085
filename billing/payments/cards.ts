// When a card on file can still be charged, and when its holder is told it is about to expire.
import { addDays, compareIsoDate, daysInMonth, isoDateFromParts, type IsoDate } from '../calendar.js';

/** A card is good through the last day of its expiry month. */
export function cardExpiresOn(expMonth: number, expYear: number): IsoDate {
  return isoDateFromParts(expYear, expMonth, daysInMonth(expYear, expMonth));
}

export function isCardUsable(card: { expMonth: number; expYear: number }, today: IsoDate): boolean {
  return compareIsoDate(today, cardExpiresOn(card.expMonth, card.expYear)) <= 0;
}

/** Days before expiry the customer is told: a month ahead, then a week ahead. */
export const CARD_EXPIRY_NOTICE_DAYS = [30, 7] as const;

/** The next notice due on or after `today` (or the first one already passed, not yet sent), if any. */
export function nextExpiryNotice(
  card: { expMonth: number; expYear: number },
  today: IsoDate,
  sent: readonly number[],
): { daysBefore: number; on: IsoDate } | null {
  const expires = cardExpiresOn(card.expMonth, card.expYear);
  if (compareIsoDate(today, expires) > 0) return null;
  for (const daysBefore of CARD_EXPIRY_NOTICE_DAYS) {
    if (sent.includes(daysBefore)) continue;
    const on = addDays(expires, -daysBefore);
    // A notice whose day passed while a later one is also due is skipped: send the nearer one.
    const later = CARD_EXPIRY_NOTICE_DAYS.find((d) => d < daysBefore && !sent.includes(d));
    if (later !== undefined && compareIsoDate(today, addDays(expires, -later)) >= 0) continue;
    return { daysBefore, on };
  }
  return null;
}
