import { Link } from '@remix-run/react';
import type { PortalQuoteSummary } from '../../server/services/customers/customer-portal.js';
import { formatAmount, formatDate } from './format.js';
import { StatusBadge } from './page-parts.js';

export interface CustomerQuoteRow {
  id: string;
  number: string;
  status: string;
  validUntil: string;
  total: string;
}

/** A customer's quotes, each linking to its page where it can be accepted or declined. */
export function CustomerQuoteList({ quotes }: { quotes: CustomerQuoteRow[] }) {
  return (
    <table className="table table-stack">
      <thead>
        <tr>
          <th>Quote</th>
          <th>Valid until</th>
          <th>Status</th>
          <th className="number">Total</th>
        </tr>
      </thead>
      <tbody>
        {quotes.map((quote) => (
          <tr key={quote.id}>
            <td className="cell-heading">
              <Link to={`/account/quotes/${quote.id}`}>{quote.number}</Link>
            </td>
            <td data-label="Valid until">{quote.validUntil}</td>
            <td data-label="Status">
              <StatusBadge status={quote.status} />
            </td>
            <td className="number" data-label="Total">{quote.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function customerQuoteRow(quote: PortalQuoteSummary): CustomerQuoteRow {
  return { id: quote.id, number: quote.number, status: quote.status, validUntil: formatDate(quote.validUntil), total: formatAmount(quote.total) };
}
