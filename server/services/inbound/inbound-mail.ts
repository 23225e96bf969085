// Inbound mail, whichever channel brought it: stored first, whatever it says, then acted on at
// most once. A reply to a quote decides the quote only when it was sent to that quote's signed
// reply address, from that quote's customer's address, says plainly accept or decline, and our
// receiving mail server vouches that it came from that address's domain (SPF, DKIM, DMARC).
// Everything else is kept for staff with the reason, and the customer (never a stranger) gets a
// short answer pointing to the portal.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { inboundMessages } from '../../../db/schema.js';
import type { ParsedInboundMail } from '../../../emails/inbound/parse-inbound-mail.js';
import { recipientAddresses } from '../../../emails/inbound/parse-inbound-mail.js';
import { readReplyIntent, type ReplyIntent } from '../../../emails/inbound/reply-intent.js';
import { extractReplyText } from '../../../emails/inbound/reply-text.js';
import type { ServiceContext } from '../context.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { answerSender } from './answer-sender.js';
import { checkInboundSender } from './inbound-sender-authentication.js';
import { findReplyTarget, type KnownCustomer, type QuoteAnswered } from './reply-target.js';
import { decideQuote } from '../quotes/quote-decisions.js';

export type InboundChannel = 'resend' | 'mime';
export type InboundOutcome = 'pending' | 'accepted' | 'declined' | 'kept' | 'refused';

export interface InboundDelivery {
  channel: InboundChannel;
  mail: ParsedInboundMail;
  /** Resend's id for the received email; null for raw MIME. */
  providerId: string | null;
  /** Identifies a message without Message-ID or provider id, e.g. a digest of the raw bytes. */
  fallbackKey: string;
}

export interface InboundReceipt {
  inboundMessageId: string;
  outcome: InboundOutcome;
  /** An earlier delivery of the same message had already been acted on: nothing was done. */
  duplicate: boolean;
}

/** Deciding failed for a reason that may pass (Temporal unreachable): the sender should deliver again. */
export class InboundRetryLaterError extends Error {
  constructor(inboundMessageId: string, options: { cause: unknown }) {
    super(`inbound message ${inboundMessageId} is stored but could not be acted on yet; deliver it again`, options);
    this.name = 'InboundRetryLaterError';
  }
}

type Row = typeof inboundMessages.$inferSelect;

export async function receiveInboundMail(ctx: ServiceContext, delivery: InboundDelivery): Promise<InboundReceipt> {
  const row = await storeOnce(ctx, delivery);
  if (row.outcome !== 'pending') return { inboundMessageId: row.id, outcome: row.outcome, duplicate: true };
  try {
    const outcome = await act(ctx, row, delivery.mail);
    return { inboundMessageId: row.id, outcome, duplicate: false };
  } catch (error) {
    // Stored and still pending: the next delivery of the same message acts on it.
    throw new InboundRetryLaterError(row.id, { cause: error });
  }
}

/** Inserts the message, or finds the earlier delivery of it. */
async function storeOnce(ctx: ServiceContext, { channel, mail, providerId, fallbackKey }: InboundDelivery): Promise<Row> {
  const dedupeKey = dedupeKeyOf(mail.messageId, mail.from) ?? (providerId ? `${channel}:${providerId}` : fallbackKey);
  const replyText = extractReplyText(mail.text);
  const [inserted] = await ctx.db
    .insert(inboundMessages)
    .values({
      channel,
      dedupeKey,
      providerId,
      messageId: mail.messageId,
      fromAddress: mail.from ?? '',
      toAddresses: recipientAddresses(mail).join(', '),
      subject: mail.subject,
      replyText,
      bodyText: mail.text,
      attachments: mail.attachments,
      intent: readReplyIntent(replyText),
    })
    .onConflictDoNothing({ target: inboundMessages.dedupeKey })
    .returning();
  if (inserted) return inserted;
  const [existing] = await ctx.db.select().from(inboundMessages).where(eq(inboundMessages.dedupeKey, dedupeKey));
  if (!existing) throw new Error(`inbound message ${dedupeKey} was neither stored nor found`);
  return existing;
}

/**
 * The Message-ID together with a digest of the sender's address, or null without a Message-ID.
 * The sender chooses the Message-ID, so on its own it would let anyone who learnt a reply's
 * Message-ID send a message under it first and have the real reply discarded as a repeat; with
 * the From address in the key, only a message from the same address is the same message.
 * A Message-ID too long to index goes in as its digest.
 */
function dedupeKeyOf(messageId: string | null, from: string | null): string | null {
  if (messageId === null) return null;
  const id = messageId.length <= MAX_INDEXED_KEY ? messageId : `message-id-sha256:${sha256Hex(messageId)}`;
  return `${id} from-sha256:${sha256Hex((from ?? '').toLowerCase())}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const MAX_INDEXED_KEY = 500;

interface Decision {
  outcome: Exclude<InboundOutcome, 'pending'>;
  reason: string | null;
  quote: QuoteAnswered | null;
  /** The customer the message came from, when it came from one. */
  customer: KnownCustomer | null;
  /** What the customer is told when nothing was done; null: no answer. */
  answer: string | null;
}

async function act(ctx: ServiceContext, row: Row, mail: ParsedInboundMail): Promise<InboundOutcome> {
  const decision = await decide(ctx, row, mail);
  if (decision.answer && decision.customer) {
    await answerSender(ctx, {
      inboundMessageId: row.id,
      customer: decision.customer,
      receivedSubject: row.subject,
      reason: decision.answer,
      quote: decision.quote,
    });
  }
  const [updated] = await ctx.db
    .update(inboundMessages)
    .set({
      outcome: decision.outcome,
      outcomeReason: decision.reason,
      quoteId: decision.quote?.id ?? null,
      customerId: decision.customer?.id ?? null,
      processedAt: new Date(),
    })
    .where(and(eq(inboundMessages.id, row.id), eq(inboundMessages.outcome, 'pending')))
    .returning({ outcome: inboundMessages.outcome });
  return updated?.outcome ?? decision.outcome;
}

async function decide(ctx: ServiceContext, row: Row, mail: ParsedInboundMail): Promise<Decision> {
  const replyAddresses = ctx.mail?.replyAddresses;
  if (!replyAddresses?.secret || !replyAddresses.domain) throw new Error('inbound mail needs the reply-address settings (ServiceContext.mail)');
  const target = await findReplyTarget(ctx, { from: mail.from, recipients: recipientAddresses(mail) }, replyAddresses);
  if (mail.automatic) {
    // RFC 3834: an out-of-office notice or the like is no answer to the quote, and answering it
    // would start a loop of machines answering each other. Linked to its quote for staff only.
    return {
      outcome: 'kept',
      reason: `an automatic reply (${mail.automatic}); kept for staff, not acted on and not answered`,
      quote: target.quote,
      customer: target.ok ? target.customer : target.sender,
      answer: null,
    };
  }
  if (!target.ok) {
    return { outcome: 'refused', reason: target.reason, quote: target.quote, customer: target.sender, answer: target.customerReason };
  }
  const { quote, customer } = target;
  const intent: ReplyIntent = row.intent;
  if (intent === 'unknown') {
    return {
      outcome: 'kept',
      reason: 'the reply says neither accept nor decline; kept for staff',
      quote,
      customer,
      answer: `we could not tell whether your reply accepts or declines quote ${quote.number}.`,
    };
  }
  // The From address is the sender's own claim: before it changes an account, our mail server must have checked it.
  const sender = checkInboundSender(ctx.inboundSenderAuthentication, mail);
  if (!sender.ok) {
    return {
      outcome: 'kept',
      reason: `${sender.reason}; the ${intent} was not acted on and is kept for staff`,
      quote,
      customer,
      answer: `we could not confirm that it was sent from your mailbox, so quote ${quote.number} was not ${intent === 'accept' ? 'accepted' : 'declined'}.`,
    };
  }
  try {
    const decided = await decideQuote(ctx, { quoteId: quote.id, decision: intent, via: 'email', customerId: customer.id });
    return {
      outcome: decided.status,
      reason: decided.alreadyDecided ? `quote ${decided.quoteNumber} had already been ${decided.status}` : null,
      quote,
      customer,
      answer: null,
    };
  } catch (error) {
    if (error instanceof ConflictError) return { outcome: 'refused', reason: error.message, quote, customer, answer: error.message };
    if (error instanceof NotFoundError) {
      return { outcome: 'refused', reason: error.message, quote, customer, answer: `we could not find quote ${quote.number}.` };
    }
    throw error;
  }
}
