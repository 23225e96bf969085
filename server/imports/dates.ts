// Dates in readings files: which format a column uses, and each cell as a UTC instant.
//
// Times without an offset are wall-clock times in the import's time zone. Excel serials and
// Excel date cells are wall-clock times too: Excel stores no zone (exceljs hands date cells back
// as Dates whose UTC fields are the wall clock).
import type { CellValue } from './file-layout.js';
import { isTimeZone, localToInstant } from './time-zones.js';

export type DateFormat =
  | 'iso'
  | 'YYYY-MM-DD HH:mm'
  | 'DD/MM/YYYY'
  | 'MM/DD/YYYY'
  | 'DD.MM.YYYY'
  | 'DD-MM-YYYY'
  | 'unix-seconds'
  | 'unix-milliseconds'
  | 'excel-serial'
  | 'date-cell';

/** How each format is shown to the user (and named in reasons). */
export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'ISO 8601 (2026-10-01T00:00:00Z)',
  'YYYY-MM-DD HH:mm': 'YYYY-MM-DD HH:mm[:ss]',
  'DD/MM/YYYY': 'DD/MM/YYYY',
  'MM/DD/YYYY': 'MM/DD/YYYY',
  'DD.MM.YYYY': 'DD.MM.YYYY',
  'DD-MM-YYYY': 'DD-MM-YYYY',
  'unix-seconds': 'Unix time in seconds',
  'unix-milliseconds': 'Unix time in milliseconds',
  'excel-serial': 'Excel serial date',
  'date-cell': 'spreadsheet date cell',
};

/** Preference when several fit: unambiguous written forms first, day-first before month-first. */
export const DATE_FORMATS: DateFormat[] = [
  'iso',
  'YYYY-MM-DD HH:mm',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD-MM-YYYY',
  'unix-seconds',
  'unix-milliseconds',
  'excel-serial',
  'date-cell',
];

export interface DateFormatDetection {
  format: DateFormat;
  /** True when formats that fit the samples read them as different times (03/04/2026): ask the user. */
  ambiguous: boolean;
  /** Every format that fits all samples (or, when none does, the most of them), best first. */
  candidates: DateFormat[];
}

export type DateParse = { ok: true; iso: string } | { ok: false; reason: string };

const DETECT_SAMPLES = 1000;
// Numbers are only taken for timestamps when they land between 1980 and 2100.
const PLAUSIBLE_FROM = Date.UTC(1980, 0, 1);
const PLAUSIBLE_TO = Date.UTC(2100, 0, 1);
const DAY_MS = 86_400_000;

export function detectDateFormat(samples: CellValue[]): DateFormatDetection {
  const values: CellValue[] = [];
  let dateCells = 0;
  for (const sample of samples) {
    if (sample === null || (typeof sample === 'string' && sample.trim() === '')) continue;
    if (sample instanceof Date) dateCells++;
    else values.push(sample);
    if (values.length + dateCells >= DETECT_SAMPLES) break;
  }
  // Date cells fit every format (they carry their own date): only the rest decide.
  if (values.length === 0) {
    return { format: 'date-cell', ambiguous: false, candidates: dateCells > 0 ? ['date-cell'] : [] };
  }
  const readings = DATE_FORMATS.filter((f) => f !== 'date-cell').map((format) => {
    const instants = values.map((value) => {
      const parsed = parseDateCell(value, format, 'UTC');
      return parsed.ok && plausible(format, parsed.iso) ? parsed.iso : null;
    });
    return { format, instants, fits: instants.filter((i) => i !== null).length };
  });
  const most = Math.max(...readings.map((r) => r.fits));
  if (most === 0) return { format: 'iso', ambiguous: true, candidates: [] };
  const best = readings.filter((r) => r.fits === most);
  const first = best[0]!;
  const ambiguous = best.some((r) => r.instants.some((instant, i) => instant !== first.instants[i]));
  return { format: first.format, ambiguous, candidates: best.map((r) => r.format) };
}

function plausible(format: DateFormat, iso: string): boolean {
  if (format !== 'unix-seconds' && format !== 'unix-milliseconds' && format !== 'excel-serial') return true;
  const instant = Date.parse(iso);
  return instant >= PLAUSIBLE_FROM && instant < PLAUSIBLE_TO;
}

/** The cell as an instant, in UTC ISO 8601, or why it is not one. */
export function parseDateCell(value: CellValue, format: DateFormat, timeZone: string): DateParse {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return fail('No date given');
  if (value instanceof Date) return fromDateCell(value, timeZone);
  if (typeof value === 'boolean') return fail(`'${value}' is not a date`);
  switch (format) {
    case 'iso':
      return parseIso(value, timeZone);
    case 'YYYY-MM-DD HH:mm':
      return parseYearFirst(value, timeZone);
    case 'DD/MM/YYYY':
    case 'MM/DD/YYYY':
    case 'DD.MM.YYYY':
    case 'DD-MM-YYYY':
      return parseDayMonth(value, format, timeZone);
    case 'unix-seconds':
      return parseEpoch(value, 1000, format);
    case 'unix-milliseconds':
      return parseEpoch(value, 1, format);
    case 'excel-serial':
      return parseExcelSerial(value, timeZone);
    case 'date-cell':
      return fail(`'${value}' is not a ${DATE_FORMAT_LABELS['date-cell']}`);
  }
}

function fail(reason: string): DateParse {
  return { ok: false, reason };
}

function notIn(value: CellValue, format: DateFormat, why?: string): DateParse {
  return fail(`'${String(value)}' is not a date in ${DATE_FORMAT_LABELS[format]}${why ? ` (${why})` : ''}`);
}

/** A date and time of day as a clock on the wall shows it, in no particular zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const YEAR_FIRST = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const DAY_MONTH: Record<'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'DD-MM-YYYY', RegExp> = {
  'DD/MM/YYYY': dayMonthPattern('/'),
  'MM/DD/YYYY': dayMonthPattern('/'),
  'DD.MM.YYYY': dayMonthPattern('.'),
  'DD-MM-YYYY': dayMonthPattern('-'),
};

function dayMonthPattern(separator: string): RegExp {
  const s = `\\${separator}`;
  return new RegExp(`^(\\d{1,2})${s}(\\d{1,2})${s}(\\d{4})(?:,?[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?$`);
}

function parseIso(value: string | number, timeZone: string): DateParse {
  const text = String(value).trim();
  const match = ISO.exec(text);
  if (!match) return notIn(value, 'iso');
  const wall = wallClock(match[1], match[2], match[3], match[4], match[5], match[6], match[7]);
  const offset = match[8];
  if (offset === undefined) return fromWall(wall, value, 'iso', timeZone);
  const invalid = checkWall(wall);
  if (invalid) return notIn(value, 'iso', invalid);
  let offsetMs = 0;
  if (offset.toUpperCase() !== 'Z') {
    const digits = offset.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 18 || minutes > 59) return notIn(value, 'iso', `offset ${offset} does not exist`);
    offsetMs = (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  return done(wallAsUtc(wall) - offsetMs, value);
}

function parseYearFirst(value: string | number, timeZone: string): DateParse {
  const match = YEAR_FIRST.exec(String(value).trim());
  if (!match) return notIn(value, 'YYYY-MM-DD HH:mm');
  return fromWall(wallClock(match[1], match[2], match[3], match[4], match[5], match[6], match[7]), value, 'YYYY-MM-DD HH:mm', timeZone);
}

function parseDayMonth(
  value: string | number,
  format: 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'DD-MM-YYYY',
  timeZone: string,
): DateParse {
  const match = DAY_MONTH[format].exec(String(value).trim());
  if (!match) return notIn(value, format);
  const [day, month] = format === 'MM/DD/YYYY' ? [match[2], match[1]] : [match[1], match[2]];
  return fromWall(wallClock(match[3], month, day, match[4], match[5], match[6], match[7]), value, format, timeZone);
}

function parseEpoch(value: string | number, unitMs: number, format: DateFormat): DateParse {
  const number = typeof value === 'number' ? value : plainNumber(value);
  if (number === null || !Number.isFinite(number)) return notIn(value, format);
  return done(Math.round(number * unitMs), value, format);
}

/**
 * Days since 1899-12-30, the fraction being the time of day. Excel counts a 29 February 1900
 * that never was (serial 60), so serials before it start a day later: 1 is 1900-01-01.
 */
function parseExcelSerial(value: string | number, timeZone: string): DateParse {
  const serial = typeof value === 'number' ? value : plainNumber(value);
  if (serial === null || !Number.isFinite(serial) || serial < 1 || serial >= 2958466) return notIn(value, 'excel-serial');
  if (serial >= 60 && serial < 61) return notIn(value, 'excel-serial', 'Excel counts a 29 February 1900 that never was');
  const base = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const wall = base + Math.round(serial * DAY_MS);
  return local(wall, value, 'excel-serial', timeZone);
}

function fromDateCell(value: Date, timeZone: string): DateParse {
  const wall = value.getTime();
  if (Number.isNaN(wall)) return fail('The date cell holds no valid date');
  return local(wall, value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, ''), 'date-cell', timeZone);
}

function fromWall(wall: WallClock, value: CellValue, format: DateFormat, timeZone: string): DateParse {
  const invalid = checkWall(wall);
  if (invalid) return notIn(value, format, invalid);
  return local(wallAsUtc(wall), value, format, timeZone);
}

/**
 * A wall-clock time in `timeZone` as an instant: the one way a local time becomes an instant,
 * for a form's date-time field as for a file's cells. A day or time of day that does not exist
 * (30 February, 25:00) or that the spring change skips is refused, never moved to another; of
 * the autumn hour that happens twice, the earlier. `shown` is the time as it was written.
 */
export function wallClockInstant(wall: WallClock, timeZone: string, shown: string): DateParse {
  const invalid = checkWall(wall);
  if (invalid) return fail(`'${shown}' is not a real date and time (${invalid})`);
  return local(wallAsUtc(wall), shown, undefined, timeZone);
}

function local(wallMs: number, value: CellValue, format: DateFormat | undefined, timeZone: string): DateParse {
  if (!isTimeZone(timeZone)) return fail(`'${timeZone}' is not a known time zone`);
  const resolved = localToInstant(timeZone, wallMs);
  if (!resolved.ok) {
    return fail(`'${String(value)}' does not exist in ${timeZone}: the clocks skip that hour (daylight saving time)`);
  }
  return done(resolved.instant, value, format);
}

function done(instant: number, value: CellValue, format?: DateFormat): DateParse {
  if (!(instant >= MIN_INSTANT && instant < MAX_INSTANT)) {
    return format ? notIn(value, format, 'out of range') : fail(`'${String(value)}' is out of range`);
  }
  return { ok: true, iso: formatInstant(instant) };
}

function wallClock(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
): WallClock {
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: hour === undefined ? 0 : Number(hour),
    minute: minute === undefined ? 0 : Number(minute),
    second: second === undefined ? 0 : Number(second),
    millisecond: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function checkWall(wall: WallClock): string | null {
  if (wall.month < 1 || wall.month > 12) return `there is no month ${wall.month}`;
  const days = wall.month === 2 ? (isLeap(wall.year) ? 29 : 28) : DAYS_IN_MONTH[wall.month - 1]!;
  if (wall.day < 1 || wall.day > days) return `${MONTHS[wall.month - 1]} ${wall.year} has ${days} days`;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return 'no such time of day';
  return null;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function wallAsUtc(wall: WallClock): number {
  return daysFromCivil(wall.year, wall.month, wall.day) * DAY_MS + wall.hour * 3_600_000 + wall.minute * 60_000 + wall.second * 1000 + wall.millisecond;
}

// Calendar arithmetic without Date objects: a million-row import parses a million dates, and
// Date construction and toISOString dominate that otherwise. (Algorithms from H. Hinnant,
// "chrono-compatible low-level date algorithms".)
const MIN_INSTANT = daysFromCivil(1, 1, 1) * DAY_MS;
const MAX_INSTANT = daysFromCivil(10000, 1, 1) * DAY_MS;

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `new Date(instant).toISOString()`, several times faster. */
export function formatInstant(instant: number): string {
  const days = Math.floor(instant / DAY_MS);
  let rest = instant - days * DAY_MS;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millisecond = rest - second * 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(millisecond, 3)}Z`;
}

function pad(n: number, width: number): string {
  const text = String(n);
  return text.length >= width ? text : '000'.slice(0, width - text.length) + text;
}

/** A number written plainly ("1790000000", "45123.5"); null for anything else. */
function plainNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  return Number(trimmed);
}
