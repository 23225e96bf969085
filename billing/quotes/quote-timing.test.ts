import { describe, expect, it } from 'vitest';
import { hasRunOutAt, hasRunOutOn, reminderDueMs, validUntilFor, validUntilProblem, validityEndMs } from './quote-timing.js';

const at = (iso: string) => Date.parse(iso);

describe('quote timing', () => {
  it('keeps a quote valid through the whole of its last day, UTC', () => {
    expect(new Date(validityEndMs('2026-12-01')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(hasRunOutAt('2026-12-01', at('2026-12-01T23:59:59.999Z'))).toBe(false);
    expect(hasRunOutAt('2026-12-01', at('2026-12-02T00:00:00Z'))).toBe(true);
  });

  it('can be sent up to and on its last day, not after', () => {
    expect(hasRunOutOn('2026-12-01', '2026-12-01')).toBe(false);
    expect(hasRunOutOn('2026-12-01', '2026-12-02')).toBe(true);
  });

  it('reminds three days before the end of a long quote', () => {
    expect(new Date(reminderDueMs(at('2026-11-01T10:00:00Z'), '2026-11-30')).toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });

  it('reminds halfway through a quote shorter than six days', () => {
    // Sent at noon on the 1st, valid through the 3rd: 60 hours, reminded 30 hours in.
    expect(new Date(reminderDueMs(at('2026-11-01T12:00:00Z'), '2026-11-03')).toISOString()).toBe('2026-11-02T18:00:00.000Z');
  });

  it('is valid for 30 days unless told otherwise', () => {
    expect(validUntilFor('2026-11-15')).toBe('2026-12-15');
    expect(validUntilFor('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('takes a last day after today and at most 366 days ahead', () => {
    expect(validUntilProblem('2026-11-15', '2026-11-15')).toBe('must be after today (2026-11-15)');
    expect(validUntilProblem('2026-11-16', '2026-11-15')).toBeNull();
    expect(validUntilProblem('2027-11-16', '2026-11-15')).toBeNull();
    expect(validUntilProblem('2027-11-17', '2026-11-15')).toBe('must be at most 366 days from today (2027-11-16)');
  });
});
