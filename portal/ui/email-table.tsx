// Recorded emails as a table: the outbox page and a customer's page show them the same way.
import { Link } from '@remix-run/react';
import type { EmailSummary } from '../../server/services/emails/email-records.js';
import { formatDateTime } from './format.js';
import { StatusBadge } from './page-parts.js';

export interface EmailRow {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  status: string;
  failureReason: string | null;
  /** When it was sent, or recorded if it has not been sent. */
  time: string;
}

/** Shapes a recorded email for the table; the loader calls it so times use the server's zone setting. */
export function emailRow(email: EmailSummary, timeZone: string): EmailRow {
  return {
    id: email.id,
    kind: email.kind,
    recipient: email.recipient,
    subject: email.subject,
    status: email.status,
    failureReason: email.failureReason,
    time: formatDateTime(email.sentAt ?? email.createdAt, timeZone),
  };
}

export function EmailTable({ emails }: { emails: EmailRow[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Kind</th>
          <th>Recipient</th>
          <th>Subject</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {emails.map((email) => (
          <tr key={email.id}>
            <td>{email.time}</td>
            <td>{email.kind}</td>
            <td>{email.recipient}</td>
            <td>
              <Link to={`/staff/emails/${email.id}`}>{email.subject}</Link>
            </td>
            <td>
              <StatusBadge status={email.status} />
              {email.failureReason ? <p className="field-error">{email.failureReason}</p> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
