// Wall-clock times in an IANA time zone to instants, with Intl alone. Offsets are cached per
// quarter hour (no zone has changed its offset off a quarter-hour boundary since 1970), since
// Intl is far too slow to ask once per row of a million-row file.

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;
const CACHE_LIMIT = 200_000;

/** Whether Intl knows the zone: the one check, for the configuration (UPLINK_TIME_ZONE) as for an import's mapping. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in milliseconds, at `instant` (epoch ms). */
export function offsetAt(timeZone: string, instant: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) offsetCaches.set(timeZone, (cache = new Map()));
  const key = Math.floor(instant / QUARTER_HOUR);
  let offset = cache.get(key);
  if (offset === undefined) {
    offset = computeOffset(timeZone, key * QUARTER_HOUR);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, offset);
  }
  return offset;
}

export type LocalResolution = { ok: true; instant: number } | { ok: false; gap: true };

/**
 * The instant a wall-clock time (given as if it were UTC: `Date.UTC(fields)`) denotes in the zone.
 * In the autumn hour that happens twice, the earlier one; a time the spring change skips is
 * reported, because a reading can never have been taken then.
 */
export function localToInstant(timeZone: string, wallAsUtc: number): LocalResolution {
  // Offset changes are days apart: the offsets a day either side are the only ones that can apply.
  const before = offsetAt(timeZone, wallAsUtc - DAY);
  const after = offsetAt(timeZone, wallAsUtc + DAY);
  let best: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wallAsUtc - offset;
    if (offsetAt(timeZone, instant) === offset && (best === null || instant < best)) best = instant;
  }
  return best === null ? { ok: false, gap: true } : { ok: true, instant: best };
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function computeOffset(timeZone: string, instant: number): number {
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - fields.year! : fields.year!;
  const wall = Date.UTC(year, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  // Date.UTC maps years 0-99 to 1900-1999; readings are never that old, but keep the arithmetic honest.
  const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return fixed - (instant - (((instant % 1000) + 1000) % 1000));
}
