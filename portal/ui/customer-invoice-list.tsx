import { Link } from '@remix-run/react';
import type { InvoiceSummary } from '../../server/services/invoices/invoice-records.js';
import type { InvoicePaymentStanding } from '../../server/services/invoices/invoice-standings.js';
import { formatAmount, formatDate } from './format.js';
import { StatusBadge } from './page-parts.js';
import { PaymentBadges, paymentStandingView, type PaymentStandingView } from './payment-standing.js';

export interface CustomerInvoiceRow {
  id: string;
  number: string;
  issueDate: string;
  status: string;
  total: string;
  /** Due date and payment status; null for a void invoice, which shows its status instead. */
  payment: PaymentStandingView | null;
}

/** A customer's invoices, each linking to its page in the customer portal. */
export function CustomerInvoiceList({ invoices }: { invoices: CustomerInvoiceRow[] }) {
  return (
    <table className="table table-stack">
      <thead>
        <tr>
          <th>Invoice</th>
          <th>Issued</th>
          <th>Due</th>
          <th>Status</th>
          <th className="number">Total</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.id}>
            <td className="cell-heading">
              <Link to={`/account/invoices/${invoice.id}`}>{invoice.number}</Link>
            </td>
            <td data-label="Issued">{invoice.issueDate}</td>
            <td data-label="Due">{invoice.payment ? invoice.payment.dueDate : '—'}</td>
            <td data-label="Status">
              {invoice.payment ? (
                <PaymentBadges status={invoice.payment.status} label={invoice.payment.statusLabel} overdue={invoice.payment.overdue} />
              ) : (
                <StatusBadge status={invoice.status} />
              )}
            </td>
            <td className="number" data-label="Total">{invoice.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function customerInvoiceRow(invoice: InvoiceSummary, standing: InvoicePaymentStanding | undefined): CustomerInvoiceRow {
  return {
    id: invoice.id,
    number: invoice.number,
    issueDate: formatDate(invoice.issueDate),
    status: invoice.status,
    total: formatAmount(invoice.total),
    payment: standing ? paymentStandingView(standing) : null,
  };
}
