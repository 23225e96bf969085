import { Link } from '@remix-run/react';
import { StatusBadge } from './page-parts.js';
import { PaymentBadges, type PaymentStandingView } from './payment-standing.js';

export interface InvoiceRow {
  id: string;
  number: string;
  issueDate: string;
  period: string;
  status: string;
  total: string;
  /** Due date, payment status and overdue days; null for a void invoice. */
  payment: PaymentStandingView | null;
}

export function InvoiceTable({ invoices }: { invoices: InvoiceRow[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Number</th>
          <th>Issued</th>
          <th>Period</th>
          <th>Due</th>
          <th>Status</th>
          <th>Payment</th>
          <th className="number">Total</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.id}>
            <td>
              <Link to={`/staff/invoices/${invoice.id}`}>{invoice.number}</Link>
            </td>
            <td>{invoice.issueDate}</td>
            <td>{invoice.period}</td>
            <td>{invoice.payment ? `${invoice.payment.dueDate} (${invoice.payment.terms})` : '—'}</td>
            <td>
              <StatusBadge status={invoice.status} />
            </td>
            <td>{invoice.payment ? <PaymentBadges status={invoice.payment.status} label={invoice.payment.statusLabel} overdue={invoice.payment.overdue} /> : '—'}</td>
            <td className="number">{invoice.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
