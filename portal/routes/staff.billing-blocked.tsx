// Accounts whose billing is blocked: a billing step failed in a way retrying does not fix, so the
// account bills nothing more until staff fix the data and resume it on the customer's page.
// Normally empty. The list comes from the customer rows the workflows mark when they block.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listBlockedAccounts } from '../../server/services/customers/billing-blocks.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatDateTime } from '../ui/format.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Blocked billing · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { timeZone } = args.context.settings;
  const accounts = await listBlockedAccounts(args.context.services);
  return {
    accounts: accounts.map((account) => ({
      customerId: account.customerId,
      customerName: account.customerName,
      since: formatDateTime(account.since, timeZone),
      step: account.stepDescription,
      reason: account.reason,
    })),
  };
}

export default function BlockedBilling() {
  const { accounts } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Blocked billing"
        subtitle="Accounts whose billing stopped at a step that retrying does not fix, longest blocked first. Fix the data, then resume each on its page."
      />
      {accounts.length === 0 ? (
        <EmptyState title="No account is blocked">Every account bills as usual.</EmptyState>
      ) : (
        <table className="table blocked-accounts">
          <thead>
            <tr>
              <th>Customer</th>
              <th>Since</th>
              <th>Step</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.customerId}>
                <td>
                  <Link to={`/staff/customers/${account.customerId}`}>{account.customerName}</Link>
                </td>
                <td>{account.since}</td>
                <td>{account.step}</td>
                <td>{account.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
