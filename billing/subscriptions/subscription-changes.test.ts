import { describe, expect, it } from 'vitest';
import { cancellationRefusal, planChangeRefusal, type SubscriptionStanding } from './subscription-changes.js';

const active: SubscriptionStanding = { lifecycle: 'active', cancelRequestedOn: null, planId: 'plan-a' };

describe('plan change', () => {
  it('is allowed for an active subscription moving to another plan', () => {
    expect(planChangeRefusal(active, 'plan-b')).toBeNull();
  });

  it('is refused, with the reason, when the account is not billed or is being cancelled', () => {
    expect(planChangeRefusal({ ...active, lifecycle: 'pending', planId: null }, 'plan-b')).toBe(
      'The customer has no subscription yet; its plan cannot be changed.',
    );
    expect(planChangeRefusal({ ...active, lifecycle: 'cancelled' }, 'plan-b')).toBe('The subscription has ended; its plan cannot be changed.');
    expect(planChangeRefusal({ ...active, cancelRequestedOn: '2026-12-07' }, 'plan-b')).toBe(
      'The subscription is cancelled from 2026-12-07; its plan cannot be changed.',
    );
  });

  it('is refused to the plan the customer is already on', () => {
    expect(planChangeRefusal(active, 'plan-a')).toBe('The customer is already on this plan.');
  });
});

describe('cancellation', () => {
  it('is allowed for an active subscription, also when already requested', () => {
    expect(cancellationRefusal(active)).toBeNull();
    expect(cancellationRefusal({ ...active, cancelRequestedOn: '2026-12-07' })).toBeNull();
  });

  it('is refused when there is no live subscription', () => {
    expect(cancellationRefusal({ ...active, lifecycle: 'pending' })).toBe('The customer has no subscription yet; there is nothing to cancel.');
    expect(cancellationRefusal({ ...active, lifecycle: 'cancelled' })).toBe('The subscription has ended; there is nothing to cancel.');
  });
});
