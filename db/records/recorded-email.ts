// Every outgoing email is recorded before it is sent and again after: staff see what left and
// what failed, and a retry never sends the same message twice.
import { eq, and } from 'drizzle-orm';
import type { RenderedEmail } from '../../emails/rendered-email.js';
import type { MailDeps } from '../../emails/mail-deps.js';
import { PermanentDeliveryError, type DeliveryResult } from '../../emails/transport.js';
import type { Database } from '../client.js';
import { emailMessages } from '../schema.js';

/** What sending a recorded email needs: the database, the transport and our sender address. */
export type RecordedEmailDeps = Pick<MailDeps, 'email' | 'emailFrom'> & { db: Database };

export interface EmailToSend {
  kind: string;
  entityType: string;
  entityId: string;
  customerId: string | null;
  recipient: string;
  /** A reply address of ours, for emails the customer may answer (quotes). */
  replyTo?: string;
  /** One key per business fact (e.g. "invoice-issued/<invoiceId>"): the same email is never sent twice. */
  idempotencyKey: string;
  render(): Promise<RenderedEmail>;
  /**
   * For a message that carries a secret (a sign-in link): the copy kept in the database instead of
   * the message itself. Applied only when a provider delivers the message; the outbox is itself
   * the delivery, so there the message is kept whole.
   */
  redactForRecord?(rendered: RenderedEmail): RenderedEmail;
}

export interface SentEmail {
  emailId: string;
  status: 'sent' | 'outbox' | 'failed';
}

/**
 * Records the rendered message, hands it to the transport, then records the outcome. A retry
 * after a crash finds the record and sends exactly what was recorded, under the same key, so the
 * provider deduplicates a message it had already accepted.
 */
export async function sendRecordedEmail(deps: RecordedEmailDeps, email: EmailToSend): Promise<SentEmail> {
  const redact = email.redactForRecord && deps.email.name !== 'outbox' ? email.redactForRecord.bind(email) : undefined;
  let rendered: RenderedEmail | undefined;
  let record = await findByKey(deps, email.idempotencyKey);
  if (!record) {
    rendered = await email.render();
    record = await recordPending(deps, email, redact ? redact(rendered) : rendered);
  }
  if (record.status !== 'pending') return { emailId: record.id, status: record.status };
  // A redacted record is not what the customer must get: send the message itself, rendered again
  // when an earlier attempt recorded it.
  const content = redact ? (rendered ?? (await email.render())) : record;

  let delivery: DeliveryResult;
  try {
    delivery = await deps.email.deliver(
      {
        from: deps.emailFrom,
        to: record.recipient,
        ...(record.replyTo ? { replyTo: record.replyTo } : {}),
        subject: content.subject,
        html: content.html,
        text: content.text,
      },
      record.idempotencyKey,
    );
  } catch (error) {
    // Any other failure propagates, and Temporal retries the activity.
    if (!(error instanceof PermanentDeliveryError)) throw error;
    await deps.db
      .update(emailMessages)
      .set({ status: 'failed', failureReason: error.message })
      .where(and(eq(emailMessages.id, record.id), eq(emailMessages.status, 'pending')));
    return { emailId: record.id, status: 'failed' };
  }
  await deps.db
    .update(emailMessages)
    .set({
      status: delivery.status,
      providerMessageId: delivery.status === 'sent' ? delivery.providerMessageId : null,
      sentAt: new Date(),
    })
    .where(and(eq(emailMessages.id, record.id), eq(emailMessages.status, 'pending')));
  return { emailId: record.id, status: delivery.status };
}

async function recordPending(deps: RecordedEmailDeps, email: EmailToSend, rendered: RenderedEmail) {
  const [inserted] = await deps.db
    .insert(emailMessages)
    .values({
      kind: email.kind,
      entityType: email.entityType,
      entityId: email.entityId,
      customerId: email.customerId,
      recipient: email.recipient,
      replyTo: email.replyTo ?? null,
      idempotencyKey: email.idempotencyKey,
      transport: deps.email.name,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    })
    .onConflictDoNothing({ target: emailMessages.idempotencyKey })
    .returning();
  // Nothing inserted means a concurrent attempt recorded it first; carry on with that record.
  const record = inserted ?? (await findByKey(deps, email.idempotencyKey));
  if (!record) throw new Error(`email ${email.idempotencyKey} could not be recorded`);
  return record;
}

async function findByKey(deps: RecordedEmailDeps, idempotencyKey: string) {
  const [row] = await deps.db.select().from(emailMessages).where(eq(emailMessages.idempotencyKey, idempotencyKey));
  return row;
}
