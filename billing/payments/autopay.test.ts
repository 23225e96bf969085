import { describe, expect, it } from 'vitest';
import { AUTOPAY_CARD_EXPIRED, AUTOPAY_NO_CARD, autopayOnProblem } from './autopay.js';

describe('turning autopay on', () => {
  it('needs a card on file', () => {
    expect(autopayOnProblem(null, '2026-05-01')).toBe(AUTOPAY_NO_CARD);
  });

  it('is allowed through the last day of the card’s expiry month, and refused the day after', () => {
    const card = { expMonth: 2, expYear: 2028 };
    expect(autopayOnProblem(card, '2028-02-29')).toBeNull();
    expect(autopayOnProblem(card, '2028-03-01')).toBe(AUTOPAY_CARD_EXPIRED);
  });
});
