// All of the customer's invoices, newest first, page by page.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData, useLocation } from '@remix-run/react';
import { listCustomerInvoices } from '../../server/services/invoices/invoice-records.js';
import { invoiceStandings } from '../../server/services/invoices/invoice-standings.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { businessToday } from '../ui/business-today.server.js';
import { CustomerInvoiceList, customerInvoiceRow } from '../ui/customer-invoice-list.js';
import { EmptyState, NextPageLink, PageHeader } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction = () => [{ title: 'Your invoices' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const { cursor } = queryParams(args.request, ['cursor']);
  const page = await withQueryErrors(() => listCustomerInvoices(args.context.services, customer.id, { cursor }));
  const standings = await invoiceStandings(args.context.services, page.items.map((invoice) => invoice.id), businessToday(args.context.settings));
  return { invoices: page.items.map((invoice) => customerInvoiceRow(invoice, standings.get(invoice.id))), nextCursor: page.nextCursor };
}

export default function CustomerInvoices() {
  const { invoices, nextCursor } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <PageHeader title="Invoices" subtitle="Open one to see its lines or download it as a PDF." />
      {invoices.length === 0 ? (
        <EmptyState title="No invoices yet">Your invoices will appear here once they are issued.</EmptyState>
      ) : (
        <CustomerInvoiceList invoices={invoices} />
      )}
      <NextPageLink nextCursor={nextCursor} search={search} />
    </>
  );
}
