// Where an invoice stands on a business day, as staff and the customer read it: when it falls due
// and on what terms, how much of it is paid, and how many days it is overdue.
import { daysBetween, type IsoDate } from '../calendar.js';
import { formatMoney, type Money } from '../money.js';
import { PAYMENT_STATUS_LABELS, daysOverdue, paymentStatusOf, type PaymentStatus } from './payment-status.js';

export interface InvoiceStanding {
  dueDate: IsoDate;
  /** Days from issue to due date: the terms the invoice was issued on (0 = due on receipt). */
  termsDays: number;
  paymentStatus: PaymentStatus;
  /** Whole days past the due date with money still open; 0 when not overdue. */
  daysOverdue: number;
}

export function invoiceStanding(
  invoice: { issueDate: IsoDate; dueDate: IsoDate; totalMinor: bigint; openMinor: bigint },
  today: IsoDate,
): InvoiceStanding {
  return {
    dueDate: invoice.dueDate,
    termsDays: invoiceTermsDays(invoice.issueDate, invoice.dueDate),
    paymentStatus: paymentStatusOf(invoice.totalMinor, invoice.openMinor),
    daysOverdue: daysOverdue(invoice.dueDate, invoice.openMinor, today),
  };
}

/**
 * The terms an invoice was issued on: the days from its issue to its due date. Invoices from
 * before due dates existed fall due on the upgrade day plus the terms, so theirs read as the days
 * they were actually given.
 */
export function invoiceTermsDays(issueDate: IsoDate, dueDate: IsoDate): number {
  return Math.max(0, daysBetween(issueDate, dueDate));
}

/** "Overdue by 1 day", "Overdue by 12 days"; null when the invoice is not overdue. */
export function overdueLabel(days: number): string | null {
  if (days <= 0) return null;
  return `Overdue by ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The standing in one line, for an email or a document: "Open", "Open, overdue by 12 days",
 * "Partially paid, €10.00 still to pay", "Paid".
 */
export function standingInWords(standing: InvoiceStanding, open: Money): string {
  const overdue = overdueLabel(standing.daysOverdue);
  return [
    PAYMENT_STATUS_LABELS[standing.paymentStatus],
    standing.paymentStatus === 'partially_paid' ? `${formatMoney(open)} still to pay` : null,
    overdue && overdue.charAt(0).toLowerCase() + overdue.slice(1),
  ]
    .filter(Boolean)
    .join(', ');
}
