// The email outbox: every message Uplink recorded, newest first, whether it went out or not.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData, useLocation } from '@remix-run/react';
import { listEmails } from '../../server/services/emails/email-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { EmailTable, emailRow } from '../ui/email-table.js';
import { ListFilters } from '../ui/list-filters.js';
import { EmptyState, NextPageLink, PageHeader } from '../ui/page-parts.js';
import { queryParams, withQueryErrors } from '../ui/query-errors.server.js';

export const meta: MetaFunction = () => [{ title: 'Emails · Uplink' }];

const STATUSES = [
  { value: 'sent', label: 'sent (accepted by the provider)' },
  { value: 'outbox', label: 'outbox (kept here, no provider configured)' },
  { value: 'pending', label: 'pending (not sent yet)' },
  { value: 'failed', label: 'failed (refused for good)' },
] as const;

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const query = queryParams(args.request, ['status', 'cursor', 'limit']);
  const page = await withQueryErrors(() => listEmails(args.context.services, query));
  return {
    status: query.status ?? '',
    nextCursor: page.nextCursor,
    emails: page.items.map((email) => emailRow(email, args.context.settings.timeZone)),
  };
}

export default function Emails() {
  const { emails, nextCursor, status } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <PageHeader title="Emails" subtitle="Every message sent to customers, newest first. Open one to see it as it was sent." />
      <ListFilters statuses={STATUSES} status={status} clearTo="/staff/emails" filtered={Boolean(status)} />
      {emails.length === 0 ? (
        <EmptyState title={status ? `No ${status} emails` : 'No emails yet'}>
          {status ? 'Try another status.' : 'Invoice emails are recorded here as customers are billed.'}
        </EmptyState>
      ) : (
        <EmailTable emails={emails} />
      )}
      <NextPageLink nextCursor={nextCursor} search={location.search} />
    </>
  );
}
