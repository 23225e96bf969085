import { describe, expect, it } from 'vitest';
import { PAYMENT_STATUS_LABELS, daysOverdue, isOverdue, paymentStatusOf } from './payment-status.js';

describe('payment status', () => {
  it('is open while nothing is settled, partially paid once something is, paid when nothing is left', () => {
    expect(paymentStatusOf(4900n, 4900n)).toBe('open');
    expect(paymentStatusOf(4900n, 4899n)).toBe('partially_paid');
    expect(paymentStatusOf(4900n, 1n)).toBe('partially_paid');
    expect(paymentStatusOf(4900n, 0n)).toBe('paid');
    // An invoice of nothing asks for nothing.
    expect(paymentStatusOf(0n, 0n)).toBe('paid');
    expect([PAYMENT_STATUS_LABELS.open, PAYMENT_STATUS_LABELS.partially_paid, PAYMENT_STATUS_LABELS.paid]).toEqual(['Open', 'Partially paid', 'Paid']);
  });

  it('is not overdue on the due day itself, and overdue by 1 the day after', () => {
    expect(isOverdue('2026-12-14', 4900n, '2026-12-13')).toBe(false);
    expect(isOverdue('2026-12-14', 4900n, '2026-12-14')).toBe(false);
    expect(daysOverdue('2026-12-14', 4900n, '2026-12-14')).toBe(0);
    expect(isOverdue('2026-12-14', 4900n, '2026-12-15')).toBe(true);
    expect(daysOverdue('2026-12-14', 4900n, '2026-12-15')).toBe(1);
  });

  it('counts calendar days across a year end, and only while money is open', () => {
    expect(daysOverdue('2026-12-14', 1n, '2027-01-14')).toBe(31);
    expect(isOverdue('2026-12-14', 0n, '2027-01-14')).toBe(false);
    expect(daysOverdue('2026-12-14', 0n, '2027-01-14')).toBe(0);
  });
});
