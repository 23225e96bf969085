// How staff and customer pages show where an invoice stands: due date and terms, payment status
// and, once past the due date with money open, how many days overdue. Words come from billing.
import { overdueLabel } from '../../billing/payments/invoice-standing.js';
import { PAYMENT_STATUS_LABELS, type PaymentStatus } from '../../billing/payments/payment-status.js';
import { termsLabel } from '../../billing/payments/payment-terms.js';
import type { InvoicePaymentStanding } from '../../server/services/invoices/invoice-standings.js';
import { formatAmount, formatDate } from './format.js';

export interface PaymentStandingView {
  dueDate: string;
  /** "Net 14" or "Due on receipt". */
  terms: string;
  status: PaymentStatus;
  statusLabel: string;
  open: string;
  /** "Overdue by 3 days"; null when not overdue. */
  overdue: string | null;
}

export function paymentStandingView(standing: InvoicePaymentStanding): PaymentStandingView {
  return {
    dueDate: formatDate(standing.dueDate),
    terms: termsLabel(standing.termsDays),
    status: standing.paymentStatus,
    statusLabel: PAYMENT_STATUS_LABELS[standing.paymentStatus],
    open: formatAmount(standing.open),
    overdue: overdueLabel(standing.daysOverdue),
  };
}

// The badge colours the pages already have: settled green, waiting amber, overdue red.
const tone: Record<PaymentStatus, string> = { paid: 'paid', partially_paid: 'pending', open: 'pending' };

/** The payment status, and "Overdue by N days" beside it when it is. */
export function PaymentBadges({ status, label, overdue }: { status: PaymentStatus; label: string; overdue: string | null }) {
  return (
    <span className="payment-standing">
      <span className={`badge badge-${tone[status]}`}>{label}</span>
      {overdue ? (
        <>
          {' '}
          <span className="badge badge-blocked">{overdue}</span>
        </>
      ) : null}
    </span>
  );
}
