// Calendar dates as the API, the staff forms and the CLI send them: `YYYY-MM-DD`, a day that exists.
import { z } from 'zod';
import { parseIsoDate } from '../../billing/calendar.js';

export const CALENDAR_DATE_REASON = 'must be a calendar date as YYYY-MM-DD';

function isCalendarDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** A day as text; zod's own message when it is not text at all. */
export const calendarDateText = z.string().refine(isCalendarDate, CALENDAR_DATE_REASON);

/** A day a request must give: "is required" when it is missing. */
export const calendarDateInput = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : CALENDAR_DATE_REASON) })
  .refine(isCalendarDate, CALENDAR_DATE_REASON);
