import { describe, expect, it } from 'vitest';
import { zonedLocalToIso } from './zoned-time.js';

describe('zonedLocalToIso', () => {
  it('reads a datetime-local field as a time in the installation’s zone', () => {
    expect(zonedLocalToIso('2026-03-01T09:00', 'Europe/Berlin')).toEqual({ ok: true, readAt: '2026-03-01T08:00:00.000Z' });
    expect(zonedLocalToIso('2026-07-01T09:00:30', 'Europe/Berlin')).toEqual({ ok: true, readAt: '2026-07-01T07:00:30.000Z' });
    // The autumn hour that happens twice: the earlier of the two.
    expect(zonedLocalToIso('2026-10-25T02:30', 'Europe/Berlin')).toEqual({ ok: true, readAt: '2026-10-25T00:30:00.000Z' });
  });

  it('refuses a day or time of day that does not exist instead of moving it to another', () => {
    expect(zonedLocalToIso('2026-02-30T10:00', 'Europe/Berlin')).toEqual({
      ok: false,
      message: "'2026-02-30T10:00' is not a real date and time (February 2026 has 28 days)",
    });
    expect(zonedLocalToIso('2026-03-01T25:00', 'UTC')).toEqual({ ok: false, message: "'2026-03-01T25:00' is not a real date and time (no such time of day)" });
  });

  it('refuses a time the spring change skips, as the import does', () => {
    expect(zonedLocalToIso('2026-03-29T02:30', 'Europe/Berlin')).toEqual({
      ok: false,
      message: "'2026-03-29T02:30' does not exist in Europe/Berlin: the clocks skip that hour (daylight saving time)",
    });
  });

  it('leaves a time with its own offset, or no time at all, for the readings service to judge', () => {
    expect(zonedLocalToIso('2026-03-01T09:00:00+02:00', 'Europe/Berlin')).toEqual({ ok: true, readAt: '2026-03-01T09:00:00+02:00' });
    expect(zonedLocalToIso('tomorrow', 'Europe/Berlin')).toEqual({ ok: true, readAt: 'tomorrow' });
  });
});
