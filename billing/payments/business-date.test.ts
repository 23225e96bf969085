import { describe, expect, it } from 'vitest';
import { isoDateFromEpochMs } from '../calendar.js';
import { businessDateAt } from './business-date.js';
import { isOverdue } from './payment-status.js';

const at = (instant: string) => Date.parse(instant);

describe('businessDateAt', () => {
  it('is the calendar day in the company’s zone, not in UTC', () => {
    // 23:30 on the 14th in Auckland (NZDT, UTC+13) is still 10:30 on the 14th in UTC…
    expect(businessDateAt(at('2026-12-14T10:30:00Z'), 'Pacific/Auckland')).toBe('2026-12-14');
    // …and half an hour later Auckland is on the 15th while UTC is still on the 14th.
    expect(businessDateAt(at('2026-12-14T11:00:00Z'), 'Pacific/Auckland')).toBe('2026-12-15');
    expect(businessDateAt(at('2026-12-14T11:00:00Z'), 'UTC')).toBe('2026-12-14');
  });

  it('turns at local midnight on the other side of UTC too', () => {
    // Honolulu is UTC−10 all year: its 14th ends at 10:00 UTC on the 15th.
    expect(businessDateAt(at('2026-12-15T09:59:59Z'), 'Pacific/Honolulu')).toBe('2026-12-14');
    expect(businessDateAt(at('2026-12-15T10:00:00Z'), 'Pacific/Honolulu')).toBe('2026-12-15');
  });

  it('follows daylight saving time (Auckland is UTC+12 in winter)', () => {
    expect(businessDateAt(at('2026-07-14T11:59:00Z'), 'Pacific/Auckland')).toBe('2026-07-14');
    expect(businessDateAt(at('2026-07-14T12:00:00Z'), 'Pacific/Auckland')).toBe('2026-07-15');
  });

  it('keeps an invoice due on the 14th out of overdue until the 15th begins where the company is', () => {
    const due = '2026-12-14';
    // 23:30 on the 14th in Auckland: the due day itself, not overdue.
    expect(isOverdue(due, 100n, businessDateAt(at('2026-12-14T10:30:00Z'), 'Pacific/Auckland'))).toBe(false);
    // 00:30 on the 15th in Auckland is overdue, though UTC still says the 14th.
    const aucklandMorning = at('2026-12-14T11:30:00Z');
    expect(isoDateFromEpochMs(aucklandMorning)).toBe(due);
    expect(isOverdue(due, 100n, businessDateAt(aucklandMorning, 'Pacific/Auckland'))).toBe(true);
    // 23:30 on the 14th in Honolulu is not overdue, though UTC already says the 15th.
    const honoluluNight = at('2026-12-15T09:30:00Z');
    expect(isoDateFromEpochMs(honoluluNight)).toBe('2026-12-15');
    expect(isOverdue(due, 100n, businessDateAt(honoluluNight, 'Pacific/Honolulu'))).toBe(false);
  });
});
