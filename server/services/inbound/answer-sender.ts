// The short answer a customer gets when their email was kept or refused: why, and a link to the
// portal page where they can act. Only ever sent to a customer's own address (no backscatter to
// strangers whose address a spammer put in From), once per inbound message.
import { and, eq, ne, sql } from 'drizzle-orm';
import { sendRecordedEmail } from '../../../db/records/recorded-email.js';
import { emailMessages } from '../../../db/schema.js';
import { renderInboundAnswer } from '../../../emails/inbound/render-inbound-answer.js';
import type { ServiceContext } from '../context.js';
import type { KnownCustomer, QuoteAnswered } from './reply-target.js';

export interface AnswerToSend {
  inboundMessageId: string;
  customer: KnownCustomer;
  receivedSubject: string;
  reason: string;
  /** The customer's own quote the message was about, when it was one of theirs. */
  quote: QuoteAnswered | null;
}

/**
 * Anyone can put a customer's address in From; this caps how much mail such forgeries make us
 * send that customer. Staff still see every message.
 */
export const MAX_ANSWERS_PER_CUSTOMER_PER_DAY = 5;

export async function answerSender(ctx: ServiceContext, answer: AnswerToSend): Promise<void> {
  const mail = ctx.mail;
  // Without mail settings (the CLI) nothing is sent; the message stays visible to staff.
  if (!mail) return;
  if ((await answersSentToday(ctx, answer)) >= MAX_ANSWERS_PER_CUSTOMER_PER_DAY) return;
  const portal = mail.portalUrl.replace(/\/+$/, '');
  const own = answer.quote && answer.quote.customerId === answer.customer.id ? answer.quote : null;
  await sendRecordedEmail(
    { db: ctx.db, ...mail },
    {
      kind: 'inbound-answer',
      entityType: 'inbound_message',
      entityId: answer.inboundMessageId,
      customerId: answer.customer.id,
      recipient: answer.customer.email,
      idempotencyKey: `inbound-answer/${answer.inboundMessageId}`,
      render: () =>
        renderInboundAnswer({
          companyName: mail.companyName,
          customerName: answer.customer.name,
          receivedSubject: answer.receivedSubject,
          reason: asClause(answer.reason),
          nextStep: own
            ? `You can see quote ${own.number}, and accept or decline it while it is open, in the customer portal:`
            : 'You can see your quotes and invoices, and accept or decline open quotes, in the customer portal:',
          portalLink: own ? `${portal}/account/quotes/${own.id}` : `${portal}/account`,
        }),
    },
  );
}

/** Answers this customer got in the last 24 hours, other than this message's own (a retry sends it). */
async function answersSentToday(ctx: ServiceContext, answer: AnswerToSend): Promise<number> {
  const [row] = await ctx.db
    .select({ count: sql<number>`count(*)::int` })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.kind, 'inbound-answer'),
        eq(emailMessages.customerId, answer.customer.id),
        ne(emailMessages.entityId, answer.inboundMessageId),
        sql`${emailMessages.createdAt} > now() - interval '24 hours'`,
      ),
    );
  return row?.count ?? 0;
}

/** The reason follows "We could not act on it:", so it starts in lower case. */
function asClause(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}
