// The quotes sent to the customer, newest first: open ones can be accepted or declined on their page.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { customerQuotes } from '../../server/services/customers/customer-portal.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { CustomerQuoteList, customerQuoteRow } from '../ui/customer-quote-list.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Your quotes' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const quotes = await customerQuotes(args.context.services, customer.id);
  return { quotes: quotes.map(customerQuoteRow) };
}

export default function CustomerQuotes() {
  const { quotes } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Quotes" subtitle="Open a quote to accept or decline it." />
      {quotes.length === 0 ? (
        <EmptyState title="No quotes">When we send you a quote, it appears here.</EmptyState>
      ) : (
        <CustomerQuoteList quotes={quotes} />
      )}
    </>
  );
}
