// Payments as the staff pages list them: on the payments page (with the customer) and on a
// customer's page (with the link to record one). A payment waiting for review is marked, with why.
import { Link } from '@remix-run/react';
import { paymentMethodLabel } from '../../billing/payments/payment-methods.js';
import type { PaymentSummary } from '../../server/services/payments/payment-records.js';
import { formatAmount, formatDate } from './format.js';
import { EmptyState, NextPageLink } from './page-parts.js';

export interface PaymentRow {
  id: string;
  number: string;
  receivedOn: string;
  customer: { id: string; name: string } | null;
  method: string;
  reference: string;
  amount: string;
  /** Why staff should look at it; null when it needs nothing. */
  needsReview: string | null;
}

export function paymentRow(payment: PaymentSummary): PaymentRow {
  return {
    id: payment.id,
    number: payment.number,
    receivedOn: formatDate(payment.receivedOn),
    customer: payment.customerId && payment.customerName !== null ? { id: payment.customerId, name: payment.customerName } : null,
    method: paymentMethodLabel(payment.method, payment.card ?? undefined),
    reference: payment.reference ?? '—',
    amount: formatAmount(payment.amount),
    needsReview: payment.needsReview,
  };
}

export function NeedsReviewBadge({ reason }: { reason: string }) {
  return (
    <span className="badge badge-pending" title={reason}>
      needs review
    </span>
  );
}

export function PaymentTable({ payments, showCustomer }: { payments: PaymentRow[]; showCustomer: boolean }) {
  return (
    <table className="table payments">
      <thead>
        <tr>
          <th>Number</th>
          <th>Received</th>
          {showCustomer ? <th>Customer</th> : null}
          <th>Method</th>
          <th>Reference</th>
          <th className="number">Amount</th>
          <th>Review</th>
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => (
          <tr key={payment.id} className={payment.needsReview ? 'needs-review' : undefined}>
            <td>
              <Link to={`/staff/payments/${payment.id}`}>{payment.number}</Link>
            </td>
            <td>{payment.receivedOn}</td>
            {showCustomer ? <td>{payment.customer ? <Link to={`/staff/customers/${payment.customer.id}`}>{payment.customer.name}</Link> : 'No customer yet'}</td> : null}
            <td>{payment.method}</td>
            <td>{payment.reference}</td>
            <td className="number">{payment.amount}</td>
            <td>{payment.needsReview ? <NeedsReviewBadge reason={payment.needsReview} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The payments section of a customer's page. */
export function CustomerPaymentsSection({
  customerId,
  payments,
  search,
}: {
  customerId: string;
  payments: { items: PaymentRow[]; nextCursor: string | null };
  search: string;
}) {
  return (
    <section className="page-section" aria-labelledby="payments-heading">
      <h2 id="payments-heading">Payments</h2>
      <p>
        <Link to={`/staff/customers/${customerId}/payments/new`}>Record payment →</Link>
      </p>
      {payments.items.length === 0 ? (
        <EmptyState title="No payments yet">A bank transfer, cash or a cheque received is recorded here, and pays the oldest invoice due first.</EmptyState>
      ) : (
        <PaymentTable payments={payments.items} showCustomer={false} />
      )}
      <NextPageLink nextCursor={payments.nextCursor} search={search} param="payments" />
    </section>
  );
}
