// Calendar dates written in a customer's reply, in English, German, French, Spanish and Dutch:
// "15 December", "December 15th", "15. Dezember", "le 15 décembre", "15 de diciembre",
// "the 15th", "am 15.", "15/12", "15.12.2026", "2026-12-15". Pure: lower-cased text and the day
// the mail was received in, dates out.
//
// How a date is completed:
// - Without a year, it is the next such date on or after the day the mail was received
//   (received 2026-12-07: "15 December" is 2026-12-15, "5 December" is 2027-12-05).
// - A day alone ("the 15th", "am 15.", "le 15") is the next such day of a month on or after it.
// - Numbers are read day first ("05/12" is 5 December), as in every one of the five languages;
//   only ISO dates (2026-12-15) are year first. A slash date whose day-first reading is
//   impossible is read month first, as in the United States ("12/15" is 15 December), since
//   nobody means the 12th of a 15th month. A dotted one never is: "10.20" is an amount.
// - A date that does not exist (31 February) or lies before the received day or more than a
//   year after it is still reported, without a date, so that a reader can stay unsure.

import { addDays, compareIsoDate, daysInMonth, isoDateFromParts, isoDateParts, type IsoDate } from '../../billing/calendar.js';

export interface MentionedDate {
  /** Where the mention is in the text that was read. */
  start: number;
  end: number;
  /** The date meant; null when the mention names no possible date within reach. */
  date: IsoDate | null;
}

/** The furthest a mentioned date may lie after the day the mail was received. */
export const MAX_DAYS_AHEAD = 366;

/** Every spelling of the twelve months in the five languages, with the common abbreviations. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'januari'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero', 'februari'],
  ['march', 'mar', 'märz', 'maerz', 'mär', 'mars', 'marzo', 'maart', 'mrt'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mayo', 'mei'],
  ['june', 'jun', 'juni', 'juin', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic'],
];
const MONTHS = new Map(MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
const MONTH = `(${[...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|')})\\.?`;
/** A day of the month with the ordinal ending each language writes: 15th, 1st, 1er, 15e, 15de, 15ste, 15º, "15." */
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|re|e|de|ste|º|°|\\.)?';
/** Not inside a longer number, amount or reference. */
const NO_DIGIT_BEFORE = '(?<![\\d.,/\\-])';
const WORD_END = '(?![\\p{L}\\d])';
const NOT_AMOUNT = '(?!\\s*(?:%|€|\\$|£|eur\\b|euro|usd\\b|gbp\\b|chf\\b|[.,]\\d))';

type Reading = { year?: number; month?: number; day: number; monthFirstFallback?: boolean };
interface Pattern {
  /** Full dates first, then day and month, then a day alone: a longer reading wins where they overlap. */
  rank: number;
  regex: RegExp;
  read(match: RegExpExecArray): Reading | 'not a date';
}

const flags = 'giu';
const PATTERNS: Pattern[] = [
  {
    rank: 0, // 2026-12-15
    regex: new RegExp(`${NO_DIGIT_BEFORE}(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d-])`, flags),
    read: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }),
  },
  {
    rank: 0, // 15/12/2026, 15.12.2026, 15-12-26
    regex: new RegExp(`${NO_DIGIT_BEFORE}(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?!\\d)`, flags),
    read: (m) => ({ year: fullYear(m[4]!), month: Number(m[3]), day: Number(m[1]), monthFirstFallback: m[2] === '/' }),
  },
  {
    rank: 0, // 15 December 2026, 15. Dezember 2026, 15 de diciembre de 2026, 1er décembre 2026
    regex: new RegExp(`${NO_DIGIT_BEFORE}${DAY}\\s*(?:of\\s+|de\\s+)?${MONTH}${WORD_END},?\\s+(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`, flags),
    read: (m) => ({ year: Number(m[3]), month: MONTHS.get(m[2]!)!, day: Number(m[1]) }),
  },
  {
    rank: 0, // December 15, 2026
    regex: new RegExp(`(?<![\\p{L}])${MONTH}\\s+(?:the\\s+)?${DAY}${WORD_END},?\\s+(\\d{4})(?!\\d)`, flags),
    read: (m) => ({ year: Number(m[3]), month: MONTHS.get(m[1]!)!, day: Number(m[2]) }),
  },
  {
    rank: 1, // 15 December, 15th of December, 15. Dezember, 15 de diciembre
    regex: new RegExp(`${NO_DIGIT_BEFORE}${DAY}\\s*(?:of\\s+|de\\s+)?${MONTH}${WORD_END}`, flags),
    read: (m) => ({ month: MONTHS.get(m[2]!)!, day: Number(m[1]) }),
  },
  {
    rank: 1, // December 15, Dec 15th
    regex: new RegExp(`(?<![\\p{L}])${MONTH}\\s+(?:the\\s+)?${DAY}(?![\\p{L}\\d])${NOT_AMOUNT}`, flags),
    read: (m) => ({ month: MONTHS.get(m[1]!)!, day: Number(m[2]) }),
  },
  {
    rank: 1, // 15/12, 15.12, 15.12.
    regex: new RegExp(`${NO_DIGIT_BEFORE}(\\d{1,2})([./])(\\d{1,2})\\.?(?![\\d/]|[.,]\\d)${NOT_AMOUNT}`, flags),
    read: (m) => numericDayMonth(Number(m[1]), Number(m[3]), m[2] === '/'),
  },
  {
    rank: 2, // the 15th, 1st (English ordinals)
    regex: new RegExp(`${NO_DIGIT_BEFORE}(\\d{1,2})(?:st|nd|rd|th)${WORD_END}`, flags),
    read: (m) => ({ day: Number(m[1]) }),
  },
  {
    rank: 2, // am 15., bis zum 15., den 15.
    regex: new RegExp(`(?<![\\p{L}])(?:am|zum|bis|den|vom)\\s+(\\d{1,2})\\.(?!\\d)`, flags),
    read: (m) => ({ day: Number(m[1]) }),
  },
  {
    rank: 2, // le 15, au 15, le 1er, el 15, el día 15, del 15
    regex: new RegExp(`(?<![\\p{L}'])(?:le|au|el|del)\\s+(?:día\\s+)?(\\d{1,2}|1er)(?![\\p{L}\\d:hH])${NOT_AMOUNT}`, flags),
    read: (m) => ({ day: m[1] === '1er' ? 1 : Number(m[1]) }),
  },
  {
    rank: 2, // de 15e, de 15de, de 15ste
    regex: new RegExp(`(?<![\\p{L}])de\\s+(\\d{1,2})(?:e|de|ste)${WORD_END}`, flags),
    read: (m) => ({ day: Number(m[1]) }),
  },
];

export function findMentionedDates(text: string, receivedOn: IsoDate): MentionedDate[] {
  const found: Array<MentionedDate & { rank: number }> = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern.regex)) {
      const start = match.index;
      const end = start + match[0].length;
      const reading = pattern.read(match as RegExpExecArray);
      if (reading === 'not a date') continue;
      found.push({ start, end, rank: pattern.rank, date: resolve(reading, receivedOn) });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.start - b.start);
  const kept: MentionedDate[] = [];
  for (const { start, end, date } of found) {
    if (kept.some((other) => start < other.end && other.start < end)) continue;
    kept.push({ start, end, date });
  }
  return kept.sort((a, b) => a.start - b.start);
}

function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

function numericDayMonth(first: number, second: number, slash: boolean): Reading | 'not a date' {
  if (isDayOfSomeMonth(first, second)) return { day: first, month: second };
  if (slash && isDayOfSomeMonth(second, first)) return { day: second, month: first };
  // Neither reading is a date: a score, a fraction or a version number, not a date at all.
  return 'not a date';
}

function isDayOfSomeMonth(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month);
}

/** The date a reading names, completed from the received day; null when it names none within reach. */
function resolve(reading: Reading, receivedOn: IsoDate): IsoDate | null {
  const received = isoDateParts(receivedOn);
  const latest = addDays(receivedOn, MAX_DAYS_AHEAD);
  const within = (date: IsoDate | null) => (date && compareIsoDate(date, receivedOn) >= 0 && compareIsoDate(date, latest) <= 0 ? date : null);
  const { year, month, day } = reading;
  if (month !== undefined && year !== undefined) {
    const exact = dateOf(year, month, day) ?? (reading.monthFirstFallback ? dateOf(year, day, month) : null);
    return within(exact);
  }
  if (month !== undefined) {
    // The next 29 February may be years away: then it is out of reach.
    for (let candidateYear = received.year; candidateYear <= received.year + 1; candidateYear += 1) {
      const candidate = within(dateOf(candidateYear, month, day));
      if (candidate) return candidate;
    }
    return null;
  }
  for (let offset = 0; offset <= 12; offset += 1) {
    const monthIndex = received.month - 1 + offset;
    const candidate = within(dateOf(received.year + Math.floor(monthIndex / 12), (monthIndex % 12) + 1, day));
    if (candidate) return candidate;
  }
  return null;
}

function dateOf(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return isoDateFromParts(year, month, day);
}
