// Business dates (due dates, days overdue) are days of the company's calendar, in its time zone,
// not UTC: an invoice due on the 14th in Auckland is overdue at midnight there, not twelve hours later.
import type { IsoDate } from '../calendar.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day it is in `timeZone` at the instant `epochMs`. */
export function businessDateAt(epochMs: number, timeZone: string): IsoDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(epochMs));
}
