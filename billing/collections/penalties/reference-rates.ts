// A reference rate over time (the ECB's main refinancing rate, a national base rate): each entry
// holds from its effective date until the next entry's. Statutory late payment interest is such a
// rate plus a margin, so an overdue period can straddle a change and each day takes its own rate.
import { compareIsoDate, isRecord, parseIsoDate, type IsoDate } from './billing-parts.js';
import { parsePercent } from './percent.js';

export interface ReferenceRateEntry {
  effectiveFrom: IsoDate;
  /** Percent a year; may be negative, as the ECB's deposit rate was. */
  percent: string;
}

/** Entries in strictly increasing order of effective date. */
export type ReferenceRateTimeline = readonly ReferenceRateEntry[];

/** Enough for a rate that changes every week for twenty years. */
export const MAX_REFERENCE_RATE_ENTRIES = 1000;

/** The entry in effect on `date`: the last one effective on or before it. */
export function referenceEntryOn(timeline: ReferenceRateTimeline, date: IsoDate): { entry: ReferenceRateEntry; index: number } {
  parseIsoDate(date);
  let found = -1;
  for (let index = 0; index < timeline.length && compareIsoDate(timeline[index]!.effectiveFrom, date) <= 0; index++) found = index;
  const first = timeline[0];
  if (found < 0 || !first) {
    throw new RangeError(
      first
        ? `No reference rate on ${date}: the timeline starts on ${first.effectiveFrom}; add the rate in effect on ${date}`
        : `No reference rate on ${date}: the timeline has no entries`,
    );
  }
  return { entry: timeline[found]!, index: found };
}

/** The reference rate in percent on `date`; refuses a date before the first entry. */
export function rateOn(timeline: ReferenceRateTimeline, date: IsoDate): string {
  return referenceEntryOn(timeline, date).entry.percent;
}

export type TimelineParse = { ok: true; timeline: ReferenceRateTimeline } | { ok: false; field: string; reason: string };

/** A timeline as sent ([{ effectiveFrom, percent }, ...]), or the first problem at its field path. */
export function parseReferenceRateTimeline(input: unknown, field: string): TimelineParse {
  if (!Array.isArray(input) || input.length === 0) return { ok: false, field, reason: 'must be a list of at least one { effectiveFrom, percent }' };
  if (input.length > MAX_REFERENCE_RATE_ENTRIES) return { ok: false, field, reason: `must have at most ${MAX_REFERENCE_RATE_ENTRIES} entries` };
  const timeline: ReferenceRateEntry[] = [];
  for (const [index, raw] of input.entries()) {
    const at = `${field}[${index}]`;
    if (!isRecord(raw)) return { ok: false, field: at, reason: 'must be an object { effectiveFrom, percent }' };
    const unknown = Object.keys(raw).find((key) => key !== 'effectiveFrom' && key !== 'percent');
    if (unknown !== undefined) return { ok: false, field: `${at}.${unknown}`, reason: 'is not a known field here (expected effectiveFrom, percent)' };
    let effectiveFrom: IsoDate;
    try {
      effectiveFrom = parseIsoDate(raw.effectiveFrom as string, 'date');
    } catch {
      return { ok: false, field: `${at}.effectiveFrom`, reason: 'must be a date as YYYY-MM-DD' };
    }
    const previous = timeline[timeline.length - 1];
    if (previous && compareIsoDate(effectiveFrom, previous.effectiveFrom) <= 0) {
      return { ok: false, field: `${at}.effectiveFrom`, reason: `must be after the previous entry's ${previous.effectiveFrom}` };
    }
    const percent = parsePercent(raw.percent, { allowNegative: true });
    if (!percent.ok) return { ok: false, field: `${at}.percent`, reason: percent.reason };
    timeline.push({ effectiveFrom, percent: percent.value });
  }
  return { ok: true, timeline };
}
