// Late payment interest for a run of days: base × annual rate / 365 for each day, actual/365 (a
// leap year's 366th day is one more day at 1/365), each day at the rate in effect that day. The
// days' interest is summed exactly and rounded once, half to even: dividing by 365 does not end in
// decimals, so the exact sum is kept as a fraction of integers (millionths of a percent) and
// rounded by divideRoundHalfEven, never cut short before that one rounding.
import { addDays, compareIsoDate, daysBetween, divideRoundHalfEven, minIsoDate, type IsoDate } from './billing-parts.js';
import { MICROS_PER_PERCENT, percentFromMicros, percentMicros } from './percent.js';
import type { AnnualRate } from './penalty-rule.js';
import { referenceEntryOn } from './reference-rates.js';

const DAYS_IN_YEAR = 365n;

/** Days in a row at one annual rate. */
export interface RateSpan {
  from: IsoDate;
  to: IsoDate; // included
  days: number;
  /** The annual rate those days, in percent: the reference rate plus the margin, never below 0. */
  percent: string;
}

export interface InterestForDays {
  /** Rounded once, half to even. */
  amountMinor: bigint;
  days: number;
  spans: RateSpan[];
}

/** The annual rate day by day from `from` to `to` (both included), as spans of one rate each. */
export function rateSpans(annualRate: AnnualRate, from: IsoDate, to: IsoDate): RateSpan[] {
  if (compareIsoDate(from, to) > 0) throw new RangeError(`Interest from ${from} to ${to}: the period ends before it starts`);
  if (annualRate.kind === 'fixed') return [{ from, to, days: daysBetween(from, to) + 1, percent: annualRate.percent }];

  const margin = percentMicros(annualRate.marginPercent);
  const spans: RateSpan[] = [];
  for (let start = from; compareIsoDate(start, to) <= 0; ) {
    const { entry, index } = referenceEntryOn(annualRate.timeline, start);
    const next = annualRate.timeline[index + 1];
    const end = next ? minIsoDate(to, addDays(next.effectiveFrom, -1)) : to;
    // A reference rate far below zero charges nothing those days: a penalty never pays the customer.
    const micros = percentMicros(entry.percent) + margin;
    const percent = percentFromMicros(micros > 0n ? micros : 0n);
    const previous = spans[spans.length - 1];
    if (previous && previous.percent === percent) {
      previous.to = end;
      previous.days += daysBetween(start, end) + 1;
    } else {
      spans.push({ from: start, to: end, days: daysBetween(start, end) + 1, percent });
    }
    start = addDays(end, 1);
  }
  return spans;
}

/** Interest on `baseMinor` from `from` to `to`, both days included. */
export function interestForDays(baseMinor: bigint, annualRate: AnnualRate, from: IsoDate, to: IsoDate): InterestForDays {
  const spans = rateSpans(annualRate, from, to);
  const percentDays = spans.reduce((sum, span) => sum + percentMicros(span.percent) * BigInt(span.days), 0n);
  const amountMinor = divideRoundHalfEven(baseMinor * percentDays, 100n * MICROS_PER_PERCENT * DAYS_IN_YEAR);
  return { amountMinor, days: daysBetween(from, to) + 1, spans };
}
