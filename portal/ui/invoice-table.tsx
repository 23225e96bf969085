import { Link } from '@remix-run/react';
import { StatusBadge } from './page-parts.js';

export interface InvoiceRow {
  id: string;
  number: string;
  issueDate: string;
  period: string;
  status: string;
  total: string;
}

export function InvoiceTable({ invoices }: { invoices: InvoiceRow[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Number</th>
          <th>Issued</th>
          <th>Period</th>
          <th>Status</th>
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
            <td>
              <StatusBadge status={invoice.status} />
            </td>
            <td className="number">{invoice.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
