/**
 * Calendar dates as 'YYYY-MM-DD' strings in the proleptic Gregorian calendar, no time zone.
 * Strings, not Date objects: they compare with <, survive JSON unchanged and cannot carry a
 * time-of-day or an offset by accident. Arithmetic is on day numbers (days since 1970-01-01),
 * with no Date at all, so the results do not depend on the runtime or its time zone.
 */
export type IsoDate = string;

export interface IsoDateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Invalid month ${month}: expected 1..12`);
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Checks the form and that the day exists (2026-02-30 does not); the message names the field. */
export function parseIsoDate(s: string, field = 'date'): IsoDate {
  const match = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  if (!match) throw new Error(`Invalid ${field} "${String(s)}": expected a date as YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) throw new Error(`Invalid ${field} "${s}": there is no month ${month}`);
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    throw new Error(`Invalid ${field} "${s}": ${match[1]}-${match[2]} has days 1 to ${lastDay}`);
  }
  return s;
}

export function isoDateParts(d: IsoDate): IsoDateParts {
  parseIsoDate(d);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

export function isoDateFromParts(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new Error(`Year ${year} is outside 0000..9999`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return parseIsoDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

// Days since 1970-01-01 and back: Howard Hinnant's days_from_civil / civil_from_days, which
// count in 400-year eras starting on March 1st so that leap days fall at the end of a year.
function toDayNumber({ year, month, day }: IsoDateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return isoDateFromParts(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new Error(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(isoDateParts(d)) + n);
}

/** b - a in days: positive when b is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(isoDateParts(b)) - toDayNumber(isoDateParts(a));
}

export function compareIsoDate(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  return a === b ? 0 : a < b ? -1 : 1; // fixed-width digits: text order is date order
}

export function minIsoDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((min, d) => (compareIsoDate(d, min) < 0 ? d : min), parseIsoDate(first));
}

export function maxIsoDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((max, d) => (compareIsoDate(d, max) > 0 ? d : max), parseIsoDate(first));
}

/** The UTC calendar date of an instant, e.g. the workflow's current time in epoch milliseconds. */
export function isoDateFromEpochMs(ms: number): IsoDate {
  if (!Number.isFinite(ms)) throw new Error(`isoDateFromEpochMs: expected a finite number, got ${ms}`);
  return fromDayNumber(Math.floor(ms / MS_PER_DAY));
}

/** The instant the date starts in UTC (midnight). */
export function epochMsOfIsoDate(d: IsoDate): number {
  return toDayNumber(isoDateParts(d)) * MS_PER_DAY;
}
