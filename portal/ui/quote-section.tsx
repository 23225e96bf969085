// A customer's quotes on their page, with the way to write a new one.
import { Link } from '@remix-run/react';
import { EmptyState, NextPageLink } from './page-parts.js';
import { QuoteTable, type QuoteRow } from './quote-table.js';

export function CustomerQuotesSection({ customerId, quotes, search }: { customerId: string; quotes: { items: QuoteRow[]; nextCursor: string | null }; search: string }) {
  return (
    <section className="page-section" aria-labelledby="quotes-heading">
      <h2 id="quotes-heading">Quotes</h2>
      <p>
        <Link to={`/staff/customers/${customerId}/quotes/new`}>New quote</Link>
      </p>
      {quotes.items.length === 0 ? (
        <EmptyState title="No quotes yet">A quote of items becomes an invoice when the customer accepts it.</EmptyState>
      ) : (
        <QuoteTable quotes={quotes.items} showCustomer={false} />
      )}
      <NextPageLink nextCursor={quotes.nextCursor} search={search} param="quotes" />
    </section>
  );
}
