// An invoice's payment status sits beside its document status (issued, void): it says how much of
// it is settled. Overdue is not stored anywhere: it is what is still open once the due date has passed.
import { compareIsoDate, daysBetween, type IsoDate } from '../calendar.js';

export const PAYMENT_STATUSES = ['open', 'partially_paid', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  open: 'Open',
  partially_paid: 'Partially paid',
  paid: 'Paid',
};

/**
 * From what the invoice asks for (its total) and what still stands open on it (after payments,
 * credit applied and credit notes). An invoice of zero, or one settled by credit notes, is paid.
 */
export function paymentStatusOf(totalMinor: bigint, openMinor: bigint): PaymentStatus {
  if (openMinor <= 0n) return 'paid';
  return openMinor < totalMinor ? 'partially_paid' : 'open';
}

/** Past its due date with money still open. The due day itself is not overdue. */
export function isOverdue(dueDate: IsoDate, openMinor: bigint, today: IsoDate): boolean {
  return openMinor > 0n && compareIsoDate(today, dueDate) > 0;
}

/** Whole days past the due date (0 when not overdue). */
export function daysOverdue(dueDate: IsoDate, openMinor: bigint, today: IsoDate): number {
  return isOverdue(dueDate, openMinor, today) ? daysBetween(dueDate, today) : 0;
}
