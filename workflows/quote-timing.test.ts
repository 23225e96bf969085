import { describe, expect, it } from 'vitest';
import { reminderDueMs, validityEndMs } from './quote-timing.js';

const at = (iso: string) => Date.parse(iso);

describe('quote timing', () => {
  it('keeps a quote valid through the whole of its last day, UTC', () => {
    expect(new Date(validityEndMs('2026-12-01')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });

  it('reminds three days before the end of a long quote', () => {
    expect(new Date(reminderDueMs(at('2026-11-01T10:00:00Z'), '2026-11-30')).toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });

  it('reminds halfway through a quote shorter than six days', () => {
    // Sent at noon on the 1st, valid through the 3rd: 60 hours, reminded 30 hours in.
    expect(new Date(reminderDueMs(at('2026-11-01T12:00:00Z'), '2026-11-03')).toISOString()).toBe('2026-11-02T18:00:00.000Z');
  });
});
