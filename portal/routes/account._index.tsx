// The customer's overview: what they owe (from the ledger), their latest invoices, and quotes
// waiting for their answer.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { accountOverview } from '../../server/services/customers/customer-portal.js';
import { invoiceStandings } from '../../server/services/invoices/invoice-standings.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { businessToday } from '../ui/business-today.server.js';
import { CustomerInvoiceList, customerInvoiceRow } from '../ui/customer-invoice-list.js';
import { CustomerQuoteList, customerQuoteRow } from '../ui/customer-quote-list.js';
import { formatAmount } from '../ui/format.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Your account' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const overview = await accountOverview(args.context.services, customer.id);
  const standings = await invoiceStandings(args.context.services, overview.recentInvoices.map((invoice) => invoice.id), businessToday(args.context.settings));
  return {
    name: overview.name,
    balance: formatAmount(overview.balance),
    owes: overview.balance.amountMinor > 0n,
    invoices: overview.recentInvoices.map((invoice) => customerInvoiceRow(invoice, standings.get(invoice.id))),
    quotes: overview.openQuotes.map(customerQuoteRow),
  };
}

export default function AccountOverview() {
  const { name, balance, owes, invoices, quotes } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={`Hello, ${name}`} subtitle="Your account at a glance" />
      <section className="panel">
        <h2>Balance</h2>
        <p className="account-balance" style={{ fontSize: '1.75rem', fontWeight: 700, margin: 0 }}>
          {balance}
        </p>
        <p className="hint">
          {owes ? 'This is what you owe us today.' : 'You owe nothing today.'} <Link to="/account/statement">See your statement</Link>
        </p>
      </section>
      {quotes.length > 0 ? (
        <section className="page-section">
          <h2>Quotes waiting for your answer</h2>
          <CustomerQuoteList quotes={quotes} />
        </section>
      ) : null}
      <section className="page-section">
        <h2>Recent invoices</h2>
        {invoices.length === 0 ? (
          <EmptyState title="No invoices yet">Your invoices will appear here once they are issued.</EmptyState>
        ) : (
          <>
            <CustomerInvoiceList invoices={invoices} />
            <p className="pagination">
              <Link to="/account/invoices">All invoices →</Link>
            </p>
          </>
        )}
      </section>
    </>
  );
}
