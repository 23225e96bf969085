// One payment: who paid, how, when and with what reference, the invoices it paid (each amount and
// day), and what it left as the customer's credit. A payment waiting for review says why.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { paymentMethodLabel } from '../../billing/payments/payment-methods.js';
import { getPayment, type AllocationSource } from '../../server/services/payments/payment-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatAmount, formatDate, formatDateTime } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';
import { NeedsReviewBadge } from '../ui/payment-table.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Payment ${data?.payment.number ?? ''} · Uplink` }];

const SOURCE_LABELS: Record<AllocationSource, string> = {
  payment: 'Paid',
  customer_credit: 'Credit applied',
  refund: 'Refunded',
  dispute: 'Disputed',
};

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { services, settings } = args.context;
  const payment = await notFoundAs404(() => getPayment(services, args.params.paymentId ?? ''));
  return {
    payment: {
      number: payment.number,
      customer: payment.customer,
      method: paymentMethodLabel(payment.method, payment.card ?? undefined),
      amount: formatAmount(payment.amount),
      receivedOn: formatDate(payment.receivedOn),
      reference: payment.reference ?? '—',
      needsReview: payment.needsReview,
      recordedBy: payment.recordedBy,
      recordedAt: formatDateTime(payment.createdAt, settings.timeZone),
      allocated: formatAmount(payment.allocated),
      credit: payment.credit.amountMinor > 0n ? formatAmount(payment.credit) : null,
      allocations: payment.allocations.map((allocation, position) => ({
        key: `${allocation.invoiceId}-${position}`,
        invoiceId: allocation.invoiceId,
        invoiceNumber: allocation.invoiceNumber,
        allocatedOn: formatDate(allocation.allocatedOn),
        source: SOURCE_LABELS[allocation.source],
        amount: formatAmount(allocation.amount),
      })),
    },
  };
}

export default function PaymentPage() {
  const { payment } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={`Payment ${payment.number}`}
        subtitle={
          <>
            <Link to="/staff/payments">← All payments</Link>
            {payment.customer ? (
              <>
                {' '}
                · from <Link to={`/staff/customers/${payment.customer.id}`}>{payment.customer.name}</Link>
              </>
            ) : null}
          </>
        }
      />
      {payment.needsReview ? (
        <p className="warning" role="alert">
          <NeedsReviewBadge reason={payment.needsReview} /> {`${payment.needsReview}. It is booked but pays no invoice until it is reviewed.`}
        </p>
      ) : null}
      <section className="panel">
        <dl className="facts">
          <dt>Amount</dt>
          <dd className="payment-amount">{payment.amount}</dd>
          <dt>Received</dt>
          <dd>{payment.receivedOn}</dd>
          <dt>Method</dt>
          <dd>{payment.method}</dd>
          <dt>Reference</dt>
          <dd>{payment.reference}</dd>
          <dt>Customer</dt>
          <dd>{payment.customer ? `${payment.customer.name} <${payment.customer.email}>` : 'No customer yet'}</dd>
          <dt>Recorded</dt>
          <dd>
            {payment.recordedAt} by {payment.recordedBy}
          </dd>
        </dl>
      </section>

      <section className="page-section" aria-labelledby="allocations-heading">
        <h2 id="allocations-heading">Invoices paid</h2>
        {payment.allocations.length === 0 ? (
          <EmptyState title="No invoice paid">{payment.credit ? `All of it is kept as the customer's credit.` : 'Nothing of it is applied to an invoice.'}</EmptyState>
        ) : (
          <table className="table payment-allocations">
            <thead>
              <tr>
                <th>Invoice</th>
                <th>Applied on</th>
                <th>How</th>
                <th className="number">Amount</th>
              </tr>
            </thead>
            <tbody>
              {payment.allocations.map((allocation) => (
                <tr key={allocation.key}>
                  <td>
                    <Link to={`/staff/invoices/${allocation.invoiceId}`}>{allocation.invoiceNumber}</Link>
                  </td>
                  <td>{allocation.allocatedOn}</td>
                  <td>{allocation.source}</td>
                  <td className="number">{allocation.amount}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>Paid on invoices</td>
                <td className="number">{payment.allocated}</td>
              </tr>
              {payment.credit ? (
                <tr>
                  <td colSpan={3}>Kept as credit</td>
                  <td className="number payment-credit">{payment.credit}</td>
                </tr>
              ) : null}
            </tfoot>
          </table>
        )}
        {payment.credit && payment.allocations.length === 0 ? <p className="hint">Kept as credit: {payment.credit}, applied to the customer's next invoices.</p> : null}
      </section>

      <section className="page-section" aria-labelledby="refund-heading">
        <h2 id="refund-heading">Refunds</h2>
        <p>
          <Link to="refund">Refund this payment</Link>, whole or in part, and see the refunds and disputes it had.
        </p>
      </section>
    </>
  );
}
