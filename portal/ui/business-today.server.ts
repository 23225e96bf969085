// Today as the company's calendar has it (UPLINK_TIME_ZONE): the day due dates and days overdue
// are counted against. Never the UTC date: near midnight the two differ.
import type { IsoDate } from '../../billing/calendar.js';
import { businessDateAt } from '../../billing/payments/business-date.js';

export function businessToday(settings: { timeZone: string }): IsoDate {
  return businessDateAt(Date.now(), settings.timeZone);
}
