import { Link } from '@remix-run/react';
import type { InvoiceSummary } from '../../server/services/invoices/invoice-records.js';
import { formatAmount, formatDate } from './format.js';
import { StatusBadge } from './page-parts.js';

export interface CustomerInvoiceRow {
  id: string;
  number: string;
  issueDate: string;
  status: string;
  total: string;
}

/** A customer's invoices, each linking to its page in the customer portal. */
export function CustomerInvoiceList({ invoices }: { invoices: CustomerInvoiceRow[] }) {
  return (
    <table className="table table-stack">
      <thead>
        <tr>
          <th>Invoice</th>
          <th>Issued</th>
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
            <td data-label="Status">
              <StatusBadge status={invoice.status} />
            </td>
            <td className="number" data-label="Total">{invoice.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function customerInvoiceRow(invoice: InvoiceSummary): CustomerInvoiceRow {
  return { id: invoice.id, number: invoice.number, issueDate: formatDate(invoice.issueDate), status: invoice.status, total: formatAmount(invoice.total) };
}
