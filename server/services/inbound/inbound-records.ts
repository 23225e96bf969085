// Read side of inbound mail: every message received, newest first, with what was read in it and
// what was done about it, for the staff pages and the API.
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { customers, inboundMessages, quotes } from '../../../db/schema.js';
import type { InboundAttachment } from '../../../emails/inbound/parse-inbound-mail.js';
import type { ServiceContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';

export const INBOUND_OUTCOMES = ['pending', 'accepted', 'declined', 'kept', 'refused'] as const;

export const inboundListQuerySchema = pageQuerySchema.extend({
  outcome: z.enum(INBOUND_OUTCOMES, `must be one of ${INBOUND_OUTCOMES.join(', ')}`).optional(),
});

export interface InboundMessageSummary {
  id: string;
  channel: 'resend' | 'mime';
  receivedAt: Date;
  fromAddress: string;
  subject: string;
  intent: 'accept' | 'decline' | 'unknown';
  outcome: (typeof INBOUND_OUTCOMES)[number];
  outcomeReason: string | null;
  quote: { id: string; number: string } | null;
  customer: { id: string; name: string } | null;
}

export interface InboundMessageView extends InboundMessageSummary {
  messageId: string | null;
  providerId: string | null;
  toAddresses: string;
  replyText: string;
  bodyText: string;
  attachments: InboundAttachment[];
  processedAt: Date | null;
}

const summaryColumns = {
  id: inboundMessages.id,
  channel: inboundMessages.channel,
  receivedAt: inboundMessages.receivedAt,
  fromAddress: inboundMessages.fromAddress,
  subject: inboundMessages.subject,
  intent: inboundMessages.intent,
  outcome: inboundMessages.outcome,
  outcomeReason: inboundMessages.outcomeReason,
  quoteId: inboundMessages.quoteId,
  quoteNumber: quotes.number,
  customerId: inboundMessages.customerId,
  customerName: customers.name,
};

type SummaryRow = Omit<InboundMessageSummary, 'quote' | 'customer'> & {
  quoteId: string | null;
  quoteNumber: string | null;
  customerId: string | null;
  customerName: string | null;
};

/** `query` as it comes from an address or API call; bad values throw naming the parameter. */
export async function listInboundMessages(ctx: ServiceContext, query: { limit?: unknown; cursor?: unknown; outcome?: unknown }): Promise<Page<InboundMessageSummary>> {
  const { limit, cursor, outcome } = inboundListQuerySchema.parse(query);
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const rows = await ctx.db
    .select({ ...summaryColumns, receivedAtKey: sql<string>`${inboundMessages.receivedAt}::text` })
    .from(inboundMessages)
    .leftJoin(quotes, eq(quotes.id, inboundMessages.quoteId))
    .leftJoin(customers, eq(customers.id, inboundMessages.customerId))
    .where(
      and(
        outcome ? eq(inboundMessages.outcome, outcome) : undefined,
        after ? sql`(${inboundMessages.receivedAt}, ${inboundMessages.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => ({ key: row.receivedAtKey, id: row.id }), (row) => summaryView(row));
}

export async function getInboundMessage(ctx: ServiceContext, id: string): Promise<InboundMessageView> {
  const [row] = z.uuid().safeParse(id).success
    ? await ctx.db
        .select({
          ...summaryColumns,
          messageId: inboundMessages.messageId,
          providerId: inboundMessages.providerId,
          toAddresses: inboundMessages.toAddresses,
          replyText: inboundMessages.replyText,
          bodyText: inboundMessages.bodyText,
          attachments: inboundMessages.attachments,
          processedAt: inboundMessages.processedAt,
        })
        .from(inboundMessages)
        .leftJoin(quotes, eq(quotes.id, inboundMessages.quoteId))
        .leftJoin(customers, eq(customers.id, inboundMessages.customerId))
        .where(eq(inboundMessages.id, id))
    : [];
  if (!row) throw new NotFoundError('inbound message', id);
  return {
    ...summaryView(row),
    messageId: row.messageId,
    providerId: row.providerId,
    toAddresses: row.toAddresses,
    replyText: row.replyText,
    bodyText: row.bodyText,
    attachments: row.attachments as InboundAttachment[],
    processedAt: row.processedAt,
  };
}

function summaryView(row: SummaryRow): InboundMessageSummary {
  return {
    id: row.id,
    channel: row.channel,
    receivedAt: row.receivedAt,
    fromAddress: row.fromAddress,
    subject: row.subject,
    intent: row.intent,
    outcome: row.outcome,
    outcomeReason: row.outcomeReason,
    quote: row.quoteId && row.quoteNumber ? { id: row.quoteId, number: row.quoteNumber } : null,
    customer: row.customerId && row.customerName ? { id: row.customerId, name: row.customerName } : null,
  };
}
