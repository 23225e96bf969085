// Hand-offs not yet delivered: changes committed here that a workflow has not learned yet, oldest
// first. Normally empty; a row that stays, or grows old, means Temporal is not taking them.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listUndeliveredHandoffs } from '../../server/services/handoffs/undelivered-handoffs.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatDateTime } from '../ui/format.js';
import { EmptyState, PageHeader } from '../ui/page-parts.js';

export const meta: MetaFunction = () => [{ title: 'Hand-offs · Uplink' }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const { timeZone } = args.context.settings;
  const handoffs = await listUndeliveredHandoffs(args.context.services);
  return {
    handoffs: handoffs.map((handoff) => ({
      key: handoff.key,
      customerId: handoff.customerId,
      customerName: handoff.customerName,
      summary: handoff.summary,
      committed: formatDateTime(handoff.createdAt, timeZone),
      age: describeAge(handoff.ageSeconds),
      attempts: handoff.attempts,
      nextAttempt: formatDateTime(handoff.nextAttemptAt, timeZone),
      lastError: handoff.lastError,
    })),
  };
}

function describeAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} days`;
}

export default function Handoffs() {
  const { handoffs } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Hand-offs"
        subtitle="Changes committed here that their workflow has not learned yet, oldest first. Each is retried until Temporal takes it."
      />
      {handoffs.length === 0 ? (
        <EmptyState title="Nothing waiting">Every workflow knows every change committed so far.</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Customer</th>
              <th>What</th>
              <th>Committed</th>
              <th>Waiting</th>
              <th>Attempts</th>
              <th>Next attempt</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {handoffs.map((handoff) => (
              <tr key={handoff.key}>
                <td>
                  <Link to={`/staff/customers/${handoff.customerId}`}>{handoff.customerName}</Link>
                </td>
                <td>{handoff.summary}</td>
                <td>{handoff.committed}</td>
                <td>{handoff.age}</td>
                <td>{handoff.attempts}</td>
                <td>{handoff.nextAttempt}</td>
                <td>{handoff.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
