// A customer's statement for a period, as staff read it: the opening balance, every entry on the
// customer's receivable with the balance after it, and the closing balance.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getCustomerRecord } from '../../server/services/customers/customer-directory.js';
import { customerStatement } from '../../server/services/books/customer-statement.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { ledgerRow } from '../ui/customer-account.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { LedgerTable } from '../ui/ledger-table.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { StatementBalances, StatementPeriodForm } from '../ui/statement-parts.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Statement · ${data?.customer.name ?? 'Customer'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const ctx = args.context.services;
  const customer = await notFoundAs404(() => getCustomerRecord(ctx, args.params.customerId ?? ''));
  const { from, to } = queryParams(args.request, ['from', 'to']);
  const statement = await withQueryErrors(() => customerStatement(ctx, customer.id, { from, to }));
  return {
    customer: { id: customer.id, name: customer.name },
    from: statement.from ?? '',
    to: statement.to,
    period: statement.from
      ? `${formatDate(statement.from)} to ${formatDate(statement.to)}`
      : `From the first entry to ${formatDate(statement.to)}`,
    opening: formatAmount(statement.openingBalance),
    closing: formatAmount(statement.closingBalance),
    entries: statement.entries.map(ledgerRow),
  };
}

export default function CustomerStatementPage() {
  const { customer, from, to, period, opening, closing, entries } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={`Statement · ${customer.name}`}
        subtitle={
          <>
            <Link to={`/staff/customers/${customer.id}`}>← {customer.name}</Link> · {period}
          </>
        }
      />
      <StatementPeriodForm from={from} to={to} />
      <StatementBalances opening={opening} closing={closing} />
      {entries.length === 0 ? (
        <EmptyState title="No entries in this period">The balance did not change between these days.</EmptyState>
      ) : (
        <LedgerTable entries={entries} />
      )}
    </>
  );
}
