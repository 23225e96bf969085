// The customer's statement: what they owed before the period, every charge and payment in it with
// the balance after each, and what they owed at its end. Cut from the ledger, like staff's.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { customerStatement } from '../../server/services/books/customer-statement.js';
import { requireCustomer } from '../auth/customer-session.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { StatementBalances, StatementPeriodForm } from '../ui/statement-parts.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction = () => [{ title: 'Your statement' }];

export async function loader(args: LoaderFunctionArgs) {
  const customer = await requireCustomer(args);
  const { from, to } = queryParams(args.request, ['from', 'to']);
  const statement = await withQueryErrors(() => customerStatement(args.context.services, customer.id, { from, to }));
  return {
    from: statement.from ?? '',
    to: statement.to,
    period: statement.from
      ? `${formatDate(statement.from)} to ${formatDate(statement.to)}`
      : `From your first entry to ${formatDate(statement.to)}`,
    opening: formatAmount(statement.openingBalance),
    closing: formatAmount(statement.closingBalance),
    entries: statement.entries.map((entry) => ({
      id: entry.id,
      date: formatDate(entry.entryDate),
      description: entry.description,
      change: formatAmount(entry.receivableChange),
      balance: formatAmount(entry.runningBalance),
    })),
  };
}

export default function CustomerStatementPage() {
  const { from, to, period, opening, closing, entries } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Statement" subtitle={period} />
      <StatementPeriodForm from={from} to={to} />
      <StatementBalances opening={opening} closing={closing} />
      {entries.length === 0 ? (
        <EmptyState title="No entries in this period">Your balance did not change between these days.</EmptyState>
      ) : (
        <table className="table table-stack page-section">
          <thead>
            <tr>
              <th>Date</th>
              <th>Description</th>
              <th className="number">Amount</th>
              <th className="number">Balance</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td data-label="Date">{entry.date}</td>
                <td className="cell-heading">{entry.description}</td>
                <td className="number" data-label="Amount">{entry.change}</td>
                <td className="number running-balance" data-label="Balance">{entry.balance}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
