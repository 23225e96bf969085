// The trial balance as staff read it: each account's debits, credits and balance per currency,
// as of a chosen day, with each currency's totals (which are equal when the books balance).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { trialBalance } from '../../server/services/books/trial-balance.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction = () => [{ title: 'Trial balance · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { asOf } = queryParams(args.request, ['asOf']);
  const report = await withQueryErrors(() => trialBalance(args.context.services, { asOf }));
  return {
    asOf: report.asOf,
    asOfShown: formatDate(report.asOf),
    rows: report.rows.map((row) => ({
      key: `${row.accountCode}-${row.balance.currency}`,
      code: row.accountCode,
      name: row.accountName,
      type: row.accountType,
      currency: row.balance.currency,
      debits: formatAmount(row.debits),
      credits: formatAmount(row.credits),
      balance: formatAmount(row.balance),
    })),
    totals: report.totals.map((total) => ({ currency: total.currency, debits: formatAmount(total.debits), credits: formatAmount(total.credits) })),
  };
}

export default function TrialBalancePage() {
  const { asOf, asOfShown, rows, totals } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Trial balance" subtitle={`Every posting dated on or before ${asOfShown}. Balance: debits minus credits.`} />
      <Form method="get" className="inline-form filters" role="search">
        <label>
          As of
          <input type="date" name="asOf" defaultValue={asOf} required />
        </label>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title="Nothing posted by then">Invoices, credit notes and payments appear here once they are booked.</EmptyState>
      ) : (
        <table className="table trial-balance">
          <thead>
            <tr>
              <th>Account</th>
              <th>Name</th>
              <th>Type</th>
              <th>Currency</th>
              <th className="number">Debits</th>
              <th className="number">Credits</th>
              <th className="number">Balance</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="trial-balance-row">
                <td>
                  <Link to={`/staff/accounts/${row.code}`}>{row.code}</Link>
                </td>
                <td>{row.name}</td>
                <td>{row.type}</td>
                <td>{row.currency}</td>
                <td className="number">{row.debits}</td>
                <td className="number">{row.credits}</td>
                <td className="number account-balance">{row.balance}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {totals.map((total) => (
              <tr key={total.currency} className="trial-balance-total">
                <th colSpan={4}>Total {total.currency}</th>
                <td className="number total-debits">{total.debits}</td>
                <td className="number total-credits">{total.credits}</td>
                <td />
              </tr>
            ))}
          </tfoot>
        </table>
      )}
    </>
  );
}
