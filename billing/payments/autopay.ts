// When autopay may be turned on: it charges the card on file (the default one) as each invoice is
// issued, so without a card that can still be charged there is nothing for it to charge.
import type { IsoDate } from '../calendar.js';
import { isCardUsable } from './cards.js';

export const AUTOPAY_NO_CARD = 'Autopay cannot be turned on: the customer has no card on file. They add one on their card page.';
export const AUTOPAY_CARD_EXPIRED = 'Autopay cannot be turned on: the card on file has expired. The customer adds a new one on their card page.';

/** Why autopay cannot be turned on for a customer whose default card is `card`, or null when it can. */
export function autopayOnProblem(card: { expMonth: number; expYear: number } | null, today: IsoDate): string | null {
  if (!card) return AUTOPAY_NO_CARD;
  return isCardUsable(card, today) ? null : AUTOPAY_CARD_EXPIRED;
}
