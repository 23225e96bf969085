// One inbound email: who sent it where, the customer's own words and the whole text as received,
// its attachments (described, not kept), the intent read in it and what Uplink did about it.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getInboundMessage } from '../../server/services/inbound/inbound-records.js';
import { requireStaff } from '../auth/staff-session.server.js';
import { formatDateTime } from '../ui/format.js';
import { notFoundAs404 } from '../ui/not-found.server.js';
import { PageHeader, StatusBadge } from '../ui/page-parts.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject || 'Inbound email'} · Uplink` }];

const WHAT_WAS_DONE: Record<string, string> = {
  accepted: 'The quote was accepted by this reply.',
  declined: 'The quote was declined by this reply.',
  kept: 'Nothing was done: it is kept here for staff to answer (the reason is below).',
  refused: 'Nothing was done: the message was refused.',
  pending: 'Nothing has been done yet: the sender will deliver it again, or it is being handled now.',
};

export async function loader(args: LoaderFunctionArgs) {
  await requireStaff(args);
  const message = await notFoundAs404(() => getInboundMessage(args.context.services, args.params.inboundId ?? ''));
  const { timeZone } = args.context.settings;
  return {
    message: {
      id: message.id,
      channel: message.channel === 'resend' ? 'Resend webhook' : 'raw MIME from a mail server',
      received: formatDateTime(message.receivedAt, timeZone),
      processed: message.processedAt ? formatDateTime(message.processedAt, timeZone) : null,
      from: message.fromAddress || '(no sender)',
      to: message.toAddresses || '(no recipients)',
      subject: message.subject,
      messageId: message.messageId,
      intent: message.intent,
      outcome: message.outcome,
      outcomeReason: message.outcomeReason,
      whatWasDone: WHAT_WAS_DONE[message.outcome] ?? message.outcome,
      quote: message.quote,
      customer: message.customer,
      replyText: message.replyText,
      bodyText: message.bodyText,
      attachments: message.attachments.map((attachment) => ({
        name: attachment.filename ?? '(unnamed)',
        type: attachment.contentType,
        size: formatSize(attachment.size),
      })),
    },
  };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export default function InboundMessagePage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={message.subject || '(no subject)'} subtitle={<Link to="/staff/inbound">← All inbound mail</Link>} />
      <section className="panel" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">What was done</h2>
        <p>
          <StatusBadge status={message.outcome} /> {message.whatWasDone}
        </p>
        {message.outcomeReason ? <p className="warning">Reason: {message.outcomeReason}</p> : null}
        <dl className="facts">
          <dt>Intent read</dt>
          <dd>{message.intent}</dd>
          <dt>Quote</dt>
          <dd>{message.quote ? <Link to={`/staff/quotes/${message.quote.id}`}>{message.quote.number}</Link> : 'none'}</dd>
          <dt>Customer</dt>
          <dd>{message.customer ? <Link to={`/staff/customers/${message.customer.id}`}>{message.customer.name}</Link> : 'not a customer'}</dd>
          <dt>Handled</dt>
          <dd>{message.processed ?? 'not yet'}</dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="headers-heading">
        <h2 id="headers-heading">Message</h2>
        <dl className="facts email-headers">
          <dt>From</dt>
          <dd>{message.from}</dd>
          <dt>To</dt>
          <dd>{message.to}</dd>
          <dt>Received</dt>
          <dd>
            {message.received} via {message.channel}
          </dd>
          <dt>Message-ID</dt>
          <dd>{message.messageId ?? 'none'}</dd>
        </dl>
      </section>
      <section className="page-section" aria-labelledby="reply-heading">
        <h2 id="reply-heading">Reply</h2>
        <pre className="plain">{message.replyText || '(empty: nothing above the quoted message)'}</pre>
      </section>
      <section className="page-section" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">Attachments</h2>
        {message.attachments.length === 0 ? (
          <p>None.</p>
        ) : (
          <>
            <p className="hint">Listed only: attachments are not kept.</p>
            <ul>
              {message.attachments.map((attachment, index) => (
                <li key={index}>{`${attachment.name} (${attachment.type}, ${attachment.size})`}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="page-section" aria-labelledby="full-heading">
        <h2 id="full-heading">Full text as received</h2>
        <pre className="plain">{message.bodyText}</pre>
      </section>
    </>
  );
}
