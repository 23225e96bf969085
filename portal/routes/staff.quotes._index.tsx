// Quotes: every quote, newest first, filtered by status; each is created from a customer's page.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { QUOTE_STATUSES } from '../../billing/quotes/quote-lifecycle.js';
import { listQuotes } from '../../server/services/quotes/quotes.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { ListFilters } from '../ui/list-filters.js';
import { EmptyState, NextPageLink, PageHeader } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';
import { QuoteTable, quoteRow } from '../ui/quote-table.js';

export const meta: MetaFunction = () => [{ title: 'Quotes · Uplink' }];

const STATUSES = QUOTE_STATUSES.map((value) => ({ value, label: value }));

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const query = queryParams(args.request, ['status', 'customerId', 'cursor', 'limit']);
  const page = await withQueryErrors(() => listQuotes(args.context.services, query));
  return {
    status: query.status ?? '',
    nextCursor: page.nextCursor,
    quotes: page.items.map((quote) => quoteRow(quote, args.context.settings.timeZone)),
  };
}

export default function Quotes() {
  const { quotes, status, nextCursor } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <PageHeader title="Quotes" subtitle="Item quotes sent to customers: waiting, accepted (with their invoice), declined or expired." />
      <ListFilters statuses={STATUSES} status={status} clearTo="/staff/quotes" filtered={Boolean(status)} />
      {quotes.length === 0 ? (
        status ? (
          <EmptyState title={`No ${status} quotes`}>Choose another status, or clear the filter.</EmptyState>
        ) : (
          <EmptyState title="No quotes yet">
            Open a <Link to="/staff/customers">customer</Link> and choose “New quote”, or use <code>POST /api/v1/quotes</code>.
          </EmptyState>
        )
      ) : (
        <QuoteTable quotes={quotes} />
      )}
      <NextPageLink nextCursor={nextCursor} search={search} />
    </>
  );
}
