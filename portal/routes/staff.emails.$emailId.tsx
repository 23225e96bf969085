// One recorded email as it was sent: its headers, the HTML part (in a sandboxed frame, served
// by the `html` resource route under a strict CSP) and the plain-text part.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getEmail } from '../../server/services/emails/email-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatDateTime } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { PageHeader, StatusBadge } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.email.subject ?? 'Email'} · Uplink` }];

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const email = await notFoundAs404(() => getEmail(args.context.services, args.params.emailId ?? ''));
  const { timeZone } = args.context.settings;
  return {
    email: {
      id: email.id,
      kind: email.kind,
      customerId: email.customerId,
      recipient: email.recipient,
      subject: email.subject,
      status: email.status,
      failureReason: email.failureReason,
      transport: email.transport,
      recordedAt: formatDateTime(email.createdAt, timeZone),
      sentAt: email.sentAt ? formatDateTime(email.sentAt, timeZone) : null,
      text: email.text,
    },
  };
}

export default function EmailPage() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={email.subject}
        subtitle={
          <>
            <Link to="/staff/emails">← All emails</Link>
            {email.customerId ? (
              <>
                {' · '}
                <Link to={`/staff/customers/${email.customerId}`}>Customer</Link>
              </>
            ) : null}
          </>
        }
      />
      <section className="panel">
        <dl className="facts email-headers">
          <dt>To</dt>
          <dd>{email.recipient}</dd>
          <dt>Subject</dt>
          <dd>{email.subject}</dd>
          <dt>Kind</dt>
          <dd>{email.kind}</dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={email.status} /> via {email.transport}
            {email.failureReason ? <p className="field-error">{email.failureReason}</p> : null}
          </dd>
          <dt>Recorded</dt>
          <dd>{email.recordedAt}</dd>
          <dt>Sent</dt>
          <dd>{email.sentAt ?? 'not sent'}</dd>
        </dl>
      </section>
      <section className="page-section" aria-labelledby="html-heading">
        <h2 id="html-heading">As the customer sees it</h2>
        {/* An empty sandbox: no scripts, no forms, no same-origin access from the email's HTML. */}
        <iframe className="email-frame" sandbox="" src={`/staff/emails/${email.id}/html`} title={`HTML part of “${email.subject}”`} />
      </section>
      <section className="page-section" aria-labelledby="text-heading">
        <h2 id="text-heading">Plain-text part</h2>
        <pre className="plain">{email.text}</pre>
      </section>
    </>
  );
}
