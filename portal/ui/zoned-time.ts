// A wall-clock time typed into a form (a datetime-local field: "2026-03-01T09:00") is a time in
// the installation's time zone (UPLINK_TIME_ZONE); the services need the instant. The import's
// rules decide (server/imports/dates.ts), so a time typed here and the same time in a file are
// the same instant, and one that does not exist is refused in both rather than moved.
import { wallClockInstant } from '../../server/imports/dates.js';

export type ZonedTime = { ok: true; readAt: string } | { ok: false; message: string };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * The instant as an ISO string in UTC, or why there is none. Text that is no local date-time
 * (one that names its offset, or something else) comes back as typed, for the service to judge.
 */
export function zonedLocalToIso(text: string, timeZone: string): ZonedTime {
  const typed = text.trim();
  const match = LOCAL_DATE_TIME.exec(typed);
  if (!match) return { ok: true, readAt: typed };
  const [year, month, day, hour, minute, second = '0', fraction = ''] = match.slice(1) as string[];
  const wall = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.padEnd(3, '0')),
  };
  const instant = wallClockInstant(wall, timeZone, typed);
  return instant.ok ? { ok: true, readAt: instant.iso } : { ok: false, message: instant.reason };
}
