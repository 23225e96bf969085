// Reading times: an ISO 8601 date-time that says which clock it is on (Z or an offset), kept to
// the microsecond as Postgres stores it. One canonical spelling (UTC, six decimals) lets the same
// instant written two ways ("...T01:00+01:00" and "...T00:00Z") be recognised as one reading.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

export type ReadAtResult = { ok: true; readAt: string } | { ok: false; message: string };

const FORMAT_HINT = 'must be an ISO date-time with Z or an offset, such as "2026-03-01T08:00:00Z" or "2026-03-01T09:00:00+01:00"';

/** The canonical UTC spelling of a reading time, `YYYY-MM-DDTHH:MM:SS.ffffffZ`, or why it is refused. */
export function parseReadAt(input: unknown): ReadAtResult {
  if (typeof input !== 'string') return { ok: false, message: FORMAT_HINT };
  const match = DATE_TIME.exec(input.trim());
  if (!match) return { ok: false, message: FORMAT_HINT };
  const [, year, month, day, hour, minute, second = '00', fraction = '', , sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  const localMs = Date.UTC(y, mo - 1, d, h, mi, s);
  const local = new Date(localMs);
  if (y < 1970 || local.getUTCFullYear() !== y || local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return { ok: false, message: `is not a real date and time (${input.trim()})` };
  }
  if (fraction.length > 6 && /[1-9]/.test(fraction.slice(6))) return { ok: false, message: 'must be precise to the microsecond at most' };
  if (Number(offsetHours) > 18 || Number(offsetMinutes) > 59) return { ok: false, message: `has an impossible UTC offset (${input.trim()})` };
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const utc = new Date(localMs - (sign ? offsetMs : 0));
  return { ok: true, readAt: `${utc.toISOString().slice(0, 19)}.${fraction.slice(0, 6).padEnd(6, '0')}Z` };
}

/** A canonical reading time for people and JSON: milliseconds unless the microseconds matter. */
export function isoInstant(canonical: string): string {
  return canonical.replace(/(\.\d{3})000Z$/, '$1Z');
}
