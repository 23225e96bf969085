import { describe, expect, it } from 'vitest';
import { DEFAULT_PAYMENT_TERMS_DAYS, MAX_PAYMENT_TERMS_DAYS, dueDateFor, effectiveTermsDays, paymentTermsProblem, termsLabel } from './payment-terms.js';

describe('payment terms', () => {
  it('accepts whole days from 0 (due on receipt) to a year', () => {
    for (const days of [0, 1, 14, 30, MAX_PAYMENT_TERMS_DAYS]) expect(paymentTermsProblem(days), String(days)).toBeNull();
    expect(MAX_PAYMENT_TERMS_DAYS).toBe(365);
    expect(DEFAULT_PAYMENT_TERMS_DAYS).toBe(14);
  });

  it('refuses anything else with a sentence saying what is allowed', () => {
    for (const days of [-1, 366, 10_000]) expect(paymentTermsProblem(days), String(days)).toBe('must be between 0 (due on receipt) and 365 days');
    for (const days of [1.5, Number.NaN, Number.POSITIVE_INFINITY, '14', null, undefined, true]) {
      expect(paymentTermsProblem(days), String(days)).toBe('must be a whole number of days');
    }
  });

  it("uses the customer's own terms when they have some, else the company default", () => {
    expect(effectiveTermsDays(null, 14)).toBe(14);
    expect(effectiveTermsDays(30, 14)).toBe(30);
    expect(effectiveTermsDays(0, 14)).toBe(0);
  });

  it('dates the due day that many calendar days after issue, across months and leap days', () => {
    expect(dueDateFor('2026-12-01', 14)).toBe('2026-12-15');
    expect(dueDateFor('2026-12-20', 14)).toBe('2027-01-03');
    expect(dueDateFor('2028-02-20', 10)).toBe('2028-03-01');
    expect(dueDateFor('2026-12-01', 0)).toBe('2026-12-01');
    expect(() => dueDateFor('2026-12-01', 400)).toThrow(RangeError);
  });

  it('reads as "Due on receipt" or "Net N"', () => {
    expect(termsLabel(0)).toBe('Due on receipt');
    expect(termsLabel(14)).toBe('Net 14');
    expect(termsLabel(1)).toBe('Net 1');
  });
});
