// Rates: price lists of components that customers are billed on, besides their plan.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { listRates } from '../../server/services/rates/rates.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { EmptyState, NextPageLink, PageHeader } from '../ui/page-parts.js';
import { withQueryErrors } from '../ui/query-errors.server.js';
import { describeComponent } from '../ui/rate-summary.js';

export const meta: MetaFunction = () => [{ title: 'Rates · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const cursor = new URL(args.request.url).searchParams.get('cursor') ?? undefined;
  const page = await withQueryErrors(() => listRates(args.context.services, { cursor }));
  return {
    nextCursor: page.nextCursor,
    rates: page.items.map((rate) => ({
      id: rate.id,
      name: rate.name,
      currency: rate.currency,
      components: rate.components.map((component) => describeComponent(component, rate.currency)),
    })),
  };
}

export default function Rates() {
  const { rates, nextCursor } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <PageHeader
        title="Rates"
        subtitle="Price lists for consumption and extras, assigned to customers on their page."
        actions={
          <Link className="button" to="/staff/rates/new">
            New rate
          </Link>
        }
      />
      {rates.length === 0 ? (
        <EmptyState title="No rates yet">
          <Link to="/staff/rates/new">Create the first one</Link>; then assign it to customers on their page.
        </EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Currency</th>
              <th>Components</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((rate) => (
              <tr key={rate.id}>
                <td>
                  <Link to={`/staff/rates/${rate.id}`}>{rate.name}</Link>
                </td>
                <td>{rate.currency}</td>
                <td>
                  <ul className="plain-list">
                    {rate.components.map((component, index) => (
                      <li key={index}>{component}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPageLink nextCursor={nextCursor} search={search} />
    </>
  );
}
