import { describe, expect, it } from 'vitest';
import { declineKind } from '../../payments/declines.js';
import { cardRetryEnd, cardRetryPlan } from './card-retries.js';
import { DEFAULT_DUNNING_POLICY } from './policy.js';

const policy = DEFAULT_DUNNING_POLICY; // retries 1, 3 and 7 days after the failed charge

describe('card retries', () => {
  it('tries a soft decline again on the policy days counted from the failure, then stops', () => {
    // Failed on Friday 29 Jan 2027 for insufficient funds: retries 30 Jan, 1 Feb and 5 Feb.
    const soft = declineKind('card_declined', 'insufficient_funds');
    expect(soft).toBe('soft');
    expect([0, 1, 2, 3].map((done) => cardRetryPlan(policy, '2027-01-29', soft, done))).toEqual(['2027-01-30', '2027-02-01', '2027-02-05', null]);
    expect(cardRetryEnd(policy, soft, 2)).toBeNull();
    expect(cardRetryEnd(policy, soft, 3)).toBe('retries_used_up');
  });

  it('stops at a hard decline: the customer needs another card', () => {
    const hard = declineKind('card_declined', 'expired_card');
    expect(cardRetryPlan(policy, '2027-01-29', hard, 0)).toBeNull();
    expect(cardRetryPlan(policy, '2027-01-29', hard, 1)).toBeNull();
    expect(cardRetryEnd(policy, hard, 1)).toBe('new_card_needed');
  });

  it('does not retry a charge the bank wants the card holder to confirm', () => {
    const kind = declineKind('authentication_required');
    expect(cardRetryPlan(policy, '2027-01-29', kind, 0)).toBeNull();
    expect(cardRetryEnd(policy, kind, 0)).toBe('authentication_needed');
  });

  it('refuses a count of retries that is not a whole number', () => {
    expect(() => cardRetryPlan(policy, '2027-01-29', 'soft', -1)).toThrow('retriesDone');
    expect(() => cardRetryPlan(policy, '2027-01-29', 'soft', 1.5)).toThrow('retriesDone');
  });
});
