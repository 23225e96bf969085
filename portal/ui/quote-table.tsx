// Quotes as a table: the quotes page and a customer's page show them the same way.
import { Link } from '@remix-run/react';
import type { QuoteSummary } from '../../server/services/quotes/quotes.js';
import { formatAmount, formatDate, formatDateTime } from './format.js';
import { StatusBadge } from './page-parts.js';

export interface QuoteRow {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  status: string;
  total: string;
  validUntil: string;
  created: string;
}

/** Shapes a quote for the table; the loader calls it so times use the installation's time zone. */
export function quoteRow(quote: QuoteSummary, timeZone: string): QuoteRow {
  return {
    id: quote.id,
    number: quote.number,
    customerId: quote.customerId,
    customerName: quote.customerName,
    status: quote.status,
    total: formatAmount(quote.total),
    validUntil: formatDate(quote.validUntil),
    created: formatDateTime(quote.createdAt, timeZone),
  };
}

export function QuoteTable({ quotes, showCustomer = true }: { quotes: QuoteRow[]; showCustomer?: boolean }) {
  return (
    <table className="table quote-table">
      <thead>
        <tr>
          <th>Number</th>
          {showCustomer ? <th>Customer</th> : null}
          <th>Status</th>
          <th className="number">Total</th>
          <th>Valid until</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {quotes.map((quote) => (
          <tr key={quote.id}>
            <td>
              <Link to={`/staff/quotes/${quote.id}`}>{quote.number}</Link>
            </td>
            {showCustomer ? (
              <td>
                <Link to={`/staff/customers/${quote.customerId}`}>{quote.customerName}</Link>
              </td>
            ) : null}
            <td>
              <StatusBadge status={quote.status} />
            </td>
            <td className="number">{quote.total}</td>
            <td>{quote.validUntil}</td>
            <td>{quote.created}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
