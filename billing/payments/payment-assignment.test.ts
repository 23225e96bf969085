import { describe, expect, it } from 'vitest';
import { assignmentCheck, awaitsAssignment } from './payment-assignment.js';

const unmatched = { number: 'PAY-2026-000001', customerId: null, needsReview: 'Unmatched bank transfer', currency: 'EUR' };

describe('assignmentCheck', () => {
  it('assigns money that waits for staff to a customer billed in its currency', () => {
    expect(assignmentCheck(unmatched, { customerId: 'c1', currency: 'EUR' })).toEqual({ kind: 'assign' });
    const unexpected = { ...unmatched, customerId: 'c1', needsReview: 'paid in USD', currency: 'USD' };
    expect(assignmentCheck(unexpected, { customerId: 'c2', currency: 'USD' })).toEqual({ kind: 'assign' });
  });

  it('refuses a customer billed in another currency', () => {
    expect(assignmentCheck(unmatched, { customerId: 'c1', currency: 'USD' })).toEqual({
      kind: 'refused',
      reason: 'PAY-2026-000001 is in EUR, but the customer is billed in USD',
    });
  });

  it('answers an assignment already made to the same customer as done, and refuses moving it to another', () => {
    const assigned = { ...unmatched, customerId: 'c1', needsReview: null };
    expect(assignmentCheck(assigned, { customerId: 'c1', currency: 'EUR' })).toEqual({ kind: 'already-assigned' });
    expect(assignmentCheck(assigned, { customerId: 'c2', currency: 'EUR' })).toEqual({
      kind: 'refused',
      reason: "PAY-2026-000001 is already on another customer's account",
    });
  });
});

describe('awaitsAssignment', () => {
  it('is true without a customer or while marked for review', () => {
    expect(awaitsAssignment({ customerId: null, needsReview: null })).toBe(true);
    expect(awaitsAssignment({ customerId: 'c1', needsReview: 'paid in USD' })).toBe(true);
    expect(awaitsAssignment({ customerId: 'c1', needsReview: null })).toBe(false);
  });
});
