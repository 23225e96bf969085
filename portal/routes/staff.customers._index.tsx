// Customers: find an account by name or email, filter by status, and see at a glance what each
// owes and when they are billed next.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { listCustomers } from '../../server/services/customers/customer-directory.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatAmount, formatDate } from '../ui/format.js';
import { ListFilters } from '../ui/list-filters.js';
import { EmptyState, NextPageLink, PageHeader, StatusBadge } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction = () => [{ title: 'Customers · Uplink' }];

const STATUSES = (['pending', 'active', 'cancelled'] as const).map((value) => ({ value, label: value }));

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const query = queryParams(args.request, ['search', 'status', 'cursor', 'limit']);
  const page = await withQueryErrors(() => listCustomers(args.context.services, query));
  return {
    search: query.search ?? '',
    status: query.status ?? '',
    nextCursor: page.nextCursor,
    customers: page.items.map((customer) => ({
      id: customer.id,
      name: customer.name,
      email: customer.email,
      status: customer.status,
      balance: formatAmount(customer.balance),
      nextBillDate: formatDate(customer.nextBillDate),
      plan: customer.subscription?.planName ?? null,
    })),
  };
}

export default function Customers() {
  const { customers, nextCursor, search, status } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = Boolean(search || status);
  return (
    <>
      <PageHeader
        title="Customers"
        subtitle="Every account, newest first, with what it owes and when it is billed next."
        actions={
          <Link className="button" to="/staff/customers/new">
            New customer
          </Link>
        }
      />
      <ListFilters statuses={STATUSES} status={status} clearTo="/staff/customers" filtered={filtered}>
        <label>
          Search
          <input type="search" name="search" defaultValue={search} placeholder="Name or email" maxLength={200} />
        </label>
      </ListFilters>
      {customers.length === 0 ? (
        filtered ? (
          <EmptyState title="No customers match">Try another name or email, or clear the filters.</EmptyState>
        ) : (
          <EmptyState title="No customers yet">
            <p>
              Add the first one with <Link to="/staff/customers/new">New customer</Link>, through the API (
              <code>POST /api/v1/customers</code>) or the command line (<code>uplink customers create</code>).
            </p>
            <p>To bill a customer, they need a plan: create one under <Link to="/staff/plans">Plans</Link> first.</p>
          </EmptyState>
        )
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Status</th>
              <th>Plan</th>
              <th className="number">Balance</th>
              <th className="number">Next bill</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((customer) => (
              <tr key={customer.id}>
                <td>
                  <Link to={`/staff/customers/${customer.id}`}>{customer.name}</Link>
                </td>
                <td>{customer.email}</td>
                <td>
                  <StatusBadge status={customer.status} />
                </td>
                <td>{customer.plan ?? <span className="hint">no plan</span>}</td>
                <td className="number">{customer.balance}</td>
                <td className="number">{customer.nextBillDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPageLink nextCursor={nextCursor} search={location.search} />
    </>
  );
}
