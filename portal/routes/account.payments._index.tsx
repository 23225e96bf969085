// The customer's payments, newest first: when, the receipt number, how it was paid, how much, and
// the invoices it paid; each with its receipt as a PDF.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { customerPaymentHistory } from '../../server/services/payments/customer-payments.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Your payments' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const payments = await customerPaymentHistory(args.context.services, customer.id);
  return {
    payments: payments.map((payment) => ({
      id: payment.id,
      receiptNumber: payment.receiptNumber,
      receivedOn: formatDate(payment.receivedOn),
      method: payment.methodLabel,
      amount: formatAmount(payment.amount),
      invoicesPaid: payment.invoicesPaid,
    })),
  };
}

export default function CustomerPaymentsPage() {
  const { payments } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Payments" subtitle="What you have paid us" />
      {payments.length === 0 ? (
        <EmptyState title="No payments yet">
          Your payments will appear here. <Link to="/account/pay">Pay what is open</Link>
        </EmptyState>
      ) : (
        <table className="table table-stack">
          <thead>
            <tr>
              <th>Receipt</th>
              <th>Date</th>
              <th>Method</th>
              <th className="number">Amount</th>
              <th>Invoices paid</th>
              <th aria-label="Receipt PDF" />
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => (
              <tr key={payment.id}>
                <td className="cell-heading">{payment.receiptNumber}</td>
                <td data-label="Date">{payment.receivedOn}</td>
                <td data-label="Method">{payment.method}</td>
                <td data-label="Amount" className="number">
                  {payment.amount}
                </td>
                <td data-label="Invoices paid">
                  {payment.invoicesPaid.length === 0
                    ? '—'
                    : payment.invoicesPaid.map((invoice, index) => (
                        <span key={invoice.id}>
                          {index > 0 ? ', ' : ''}
                          <Link to={`/account/invoices/${invoice.id}`}>{invoice.number}</Link>
                        </span>
                      ))}
                </td>
                <td data-label="Receipt">
                  <a href={`/account/payments/${payment.id}/receipt.pdf`} download>
                    Receipt PDF
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
