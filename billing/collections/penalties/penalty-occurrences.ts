// When a rule charges. Occurrence k (from 0) falls on the day after due date + grace + k × N days
// (N: the rule's recurrence; a rule charged once has only occurrence 0), and is keyed by invoice,
// rule and k, so evaluating again, late or twice never charges one occurrence twice. None falls
// on or after the day the invoice is settled, and none beyond the rule's count limit.
import { addDays, compareIsoDate, daysBetween, type IsoDate } from './billing-parts.js';

export interface OccurrenceSchedule {
  dueDate: IsoDate;
  graceDays: number;
  /** null: once. */
  everyDays: number | null;
  countLimit: number | null;
}

/** The day occurrence k is charged. */
export function occurrenceDay(schedule: OccurrenceSchedule, occurrence: number): IsoDate {
  if (!Number.isSafeInteger(occurrence) || occurrence < 0) throw new RangeError(`Occurrence ${occurrence} must be a whole number, 0 or more`);
  if (schedule.everyDays === null && occurrence > 0) throw new RangeError(`A rule charged once has only occurrence 0, not ${occurrence}`);
  return addDays(schedule.dueDate, schedule.graceDays + occurrence * (schedule.everyDays ?? 0) + 1);
}

/**
 * The occurrences due by `asOf` and not charged yet, in order: every one whose day has come, so
 * an evaluation that runs late catches up.
 */
export function occurrencesDue(
  schedule: OccurrenceSchedule,
  { asOf, settledOn, charged }: { asOf: IsoDate; settledOn: IsoDate | null; charged: Iterable<number> },
): number[] {
  const lastDay = settledOn !== null && compareIsoDate(addDays(settledOn, -1), asOf) < 0 ? addDays(settledOn, -1) : asOf;
  const first = occurrenceDay(schedule, 0);
  if (compareIsoDate(first, lastDay) > 0) return [];
  let last = schedule.everyDays === null ? 0 : Math.floor(daysBetween(first, lastDay) / schedule.everyDays);
  if (schedule.countLimit !== null) last = Math.min(last, schedule.countLimit - 1);
  const done = new Set(charged);
  const due: number[] = [];
  for (let occurrence = 0; occurrence <= last; occurrence++) if (!done.has(occurrence)) due.push(occurrence);
  return due;
}

/**
 * The days an interest charge bills, both included: the first from the day after the due date to
 * its own day (grace only delays it), each later one from the day after the previous occurrence's
 * to its own. Fixed per occurrence, so a charge made late bills the same days as one on time.
 */
export function accrualPeriod(schedule: OccurrenceSchedule, occurrence: number): { from: IsoDate; to: IsoDate } {
  const to = occurrenceDay(schedule, occurrence);
  const from = occurrence === 0 ? addDays(schedule.dueDate, 1) : addDays(occurrenceDay(schedule, occurrence - 1), 1);
  return { from, to };
}
