import { addDays, compareIsoDate, daysInMonth, isoDateFromParts, isoDateParts, parseIsoDate, type IsoDate } from './calendar.js';

export type BillingInterval = 'month' | 'year';

/**
 * The day cycles start on. Monthly: `day` each month, clamped to the month's last day (an
 * anchor of 31 bills on Feb 28, then Mar 31 again). Yearly: `month`/`day` each year, so a
 * Feb 29 anchor bills on Feb 28 in common years and Feb 29 in leap years.
 */
export interface BillingAnchor {
  day: number; // 1..31
  month?: number; // 1..12, required for 'year'
}

/** Half-open [start, end): `end` is the first day not included, i.e. the next cycle's start. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** The last day a period includes, as people read it: the day before its (exclusive) end. */
export function lastDayOfPeriod(period: Period): IsoDate {
  return addDays(period.end, -1);
}

/**
 * The part of one billing cycle that is charged. When start/end differ from the cycle's (a
 * subscription starting or ending between anchor days), the charge is prorated.
 */
export interface ChargeablePeriod {
  start: IsoDate;
  end: IsoDate;
  cycle: Period;
}

/** A leap year, where every month has its most days: a yearly anchor may be any day it has, Feb 29 too. */
const LEAP_YEAR = 2000;

/**
 * The anchor of a subscription billed from `date`. Monthly plans renew on `billingDay` (the
 * date's own day when none is given); yearly plans renew in the date's month, on that day as
 * far as the month allows in a leap year, so a 31st-anchored account switched to yearly on
 * Feb 28 renews on Feb 29 in leap years and Feb 28 otherwise.
 */
export function anchorFromDate(date: IsoDate, interval: BillingInterval, billingDay?: number): BillingAnchor {
  const parts = isoDateParts(date);
  const day = billingDay ?? parts.day;
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new Error(`Invalid billing day ${day}: expected 1..31`);
  return interval === 'year' ? { month: parts.month, day: Math.min(day, daysInMonth(LEAP_YEAR, parts.month)) } : { day };
}

/**
 * The anchor after moving a subscription to `interval` from `effectiveFrom` (a cycle boundary
 * of the old anchor): it keeps its billing day, and a yearly plan renews in that month.
 */
export function anchorAfterIntervalChange(anchor: BillingAnchor, interval: BillingInterval, effectiveFrom: IsoDate): BillingAnchor {
  return anchorFromDate(effectiveFrom, interval, anchor.day);
}

function checkAnchor(interval: BillingInterval, anchor: BillingAnchor): void {
  const { day, month } = anchor;
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new Error(`Invalid anchor day ${day}: expected 1..31`);
  if (interval === 'month') return;
  if (interval !== 'year') throw new Error(`Invalid billing interval "${String(interval)}"`);
  if (month === undefined || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new Error(`Invalid anchor month ${month}: a yearly anchor needs a month 1..12`);
  }
  const longest = daysInMonth(LEAP_YEAR, month);
  if (day > longest) throw new Error(`Invalid anchor ${month}/${day}: that month has at most ${longest} days`);
}

/** The cycle boundary in the given year (and month, for monthly billing). */
function boundary(interval: BillingInterval, anchor: BillingAnchor, year: number, month: number): IsoDate {
  const m = interval === 'year' ? anchor.month! : month;
  return isoDateFromParts(year, m, Math.min(anchor.day, daysInMonth(year, m)));
}

/** Steps a (year, month) by whole intervals: one boundary per month, or per year. */
function shift(interval: BillingInterval, year: number, month: number, by: number): [number, number] {
  if (interval === 'year') return [year + by, month];
  const index = year * 12 + (month - 1) + by;
  return [Math.floor(index / 12), (index % 12) + 1];
}

/**
 * The cycle with start <= date < end. Each month (or year) has exactly one boundary, so the
 * date's own month holds either its cycle's start (if the boundary is on or before the date)
 * or its end.
 */
export function cycleContaining(date: IsoDate, interval: BillingInterval, anchor: BillingAnchor): Period {
  checkAnchor(interval, anchor);
  const { year, month } = isoDateParts(date);
  const here = boundary(interval, anchor, year, month);
  const onOrAfter = compareIsoDate(here, date) <= 0;
  const [y, m] = shift(interval, year, month, onOrAfter ? 1 : -1);
  const other = boundary(interval, anchor, y, m);
  return onOrAfter ? { start: here, end: other } : { start: other, end: here };
}

/** From `start` to the end of its cycle: a full cycle if it starts on a boundary, else partial. */
export function chargeablePeriodFrom(start: IsoDate, interval: BillingInterval, anchor: BillingAnchor): ChargeablePeriod {
  const cycle = cycleContaining(parseIsoDate(start, 'start'), interval, anchor);
  return { start, end: cycle.end, cycle };
}

/** Cuts a period short, e.g. on cancellation: endDate is the first day no longer charged. */
export function endEarly(p: ChargeablePeriod, endDate: IsoDate): ChargeablePeriod {
  parseIsoDate(endDate, 'endDate');
  if (compareIsoDate(endDate, p.start) <= 0 || compareIsoDate(endDate, p.end) > 0) {
    throw new Error(`Invalid endDate "${endDate}": must be after ${p.start} and no later than ${p.end}`);
  }
  return { start: p.start, end: endDate, cycle: p.cycle };
}

export function isProrated(p: ChargeablePeriod): boolean {
  return p.start !== p.cycle.start || p.end !== p.cycle.end;
}
