// A recorded email as JSON, for the REST API: the message as rendered and what became of it.
// Times as ISO strings.
import { z } from 'zod';
import type { EmailRecord, EmailSummary } from '../services/emails/email-records.js';
import { id, timestamp } from './wire-parts.js';

export const emailWire = z
  .object({
    id,
    kind: z.string(),
    entityType: z.string(),
    entityId: id,
    customerId: id.nullable(),
    recipient: z.string(),
    status: z.enum(['pending', 'sent', 'outbox', 'failed']),
    transport: z.string(),
    providerMessageId: z.string().nullable(),
    subject: z.string(),
    text: z.string().meta({ description: 'The plain-text part, as sent.' }),
    createdAt: timestamp,
    sentAt: timestamp.nullable(),
    failureReason: z.string().nullable(),
  })
  .meta({ id: 'Email' });

export const emailDocumentWire = emailWire.extend({ html: z.string().meta({ description: 'The HTML part, as sent.' }) }).meta({ id: 'EmailDocument' });

export function emailJson(email: EmailSummary): z.input<typeof emailWire> {
  return { ...email, createdAt: email.createdAt.toISOString(), sentAt: email.sentAt?.toISOString() ?? null };
}

export function emailDocumentJson(email: EmailRecord): z.input<typeof emailDocumentWire> {
  return { ...emailJson(email), html: email.html };
}
