// Inbound mail: every email customers (or anyone) sent to Uplink, newest first, with the intent
// read in it and what was done: accepted or declined a quote, kept for staff, or refused and why.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { listInboundMessages } from '../../server/services/inbound/inbound-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatDateTime } from '../ui/format.js';
import { ListFilters } from '../ui/list-filters.js';
import { EmptyState, NextPageLink, PageHeader, StatusBadge } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction = () => [{ title: 'Inbound mail · Uplink' }];

const OUTCOMES = [
  { value: 'accepted', label: 'accepted (the quote was accepted)' },
  { value: 'declined', label: 'declined (the quote was declined)' },
  { value: 'kept', label: 'kept (neither accept nor decline: for staff)' },
  { value: 'refused', label: 'refused (not acted on, see the reason)' },
  { value: 'pending', label: 'pending (not acted on yet)' },
] as const;

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  // The shared filter bar names its choice `status`; here it filters by outcome.
  const query = queryParams(args.request, ['status', 'cursor', 'limit']);
  const page = await withQueryErrors(() => listInboundMessages(args.context.services, { cursor: query.cursor, limit: query.limit, outcome: query.status }));
  const { timeZone } = args.context.settings;
  return {
    outcome: query.status ?? '',
    nextCursor: page.nextCursor,
    messages: page.items.map((message) => ({
      id: message.id,
      received: formatDateTime(message.receivedAt, timeZone),
      from: message.fromAddress || '(no sender)',
      subject: message.subject || '(no subject)',
      intent: message.intent,
      outcome: message.outcome,
      outcomeReason: message.outcomeReason,
      quote: message.quote,
    })),
  };
}

export default function InboundMail() {
  const { messages, nextCursor, outcome } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <PageHeader title="Inbound mail" subtitle="Replies to quote emails and anything else sent to the reply addresses, newest first." />
      <ListFilters statuses={OUTCOMES} status={outcome} clearTo="/staff/inbound" filtered={Boolean(outcome)} />
      {messages.length === 0 ? (
        <EmptyState title={outcome ? `No ${outcome} messages` : 'No inbound mail yet'}>
          {outcome ? 'Try another outcome.' : 'Replies to quote emails appear here as they arrive.'}
        </EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Received</th>
              <th>From</th>
              <th>Subject</th>
              <th>Intent</th>
              <th>Outcome</th>
              <th>Quote</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>{message.received}</td>
                <td>{message.from}</td>
                <td>
                  <Link to={`/staff/inbound/${message.id}`}>{message.subject}</Link>
                </td>
                <td>{message.intent}</td>
                <td>
                  <StatusBadge status={message.outcome} />
                  {message.outcomeReason ? <p className="hint">{message.outcomeReason}</p> : null}
                </td>
                <td>{message.quote ? <Link to={`/staff/quotes/${message.quote.id}`}>{message.quote.number}</Link> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NextPageLink nextCursor={nextCursor} search={location.search} />
    </>
  );
}
