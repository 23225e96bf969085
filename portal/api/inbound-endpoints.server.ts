// The inbound-mail endpoints of the registry (see endpoints.server.ts): read-only, for staff
// tools that follow replies to quotes. The webhooks that receive mail are not API endpoints:
// they answer Resend and mail servers with their own authentication (portal/routes/webhooks.*).
import { z } from 'zod';
import { INBOUND_OUTCOMES, inboundListQuerySchema, type InboundMessageSummary, type InboundMessageView } from '../../server/services/inbound/inbound-records.js';
import { documented, pageQuery, uuidParam } from './endpoint-parts.server.js';
import { defineEndpoint } from './endpoint.server.js';
import { pageOf } from './wire-schemas.server.js';

const inboundSummaryShape = {
  id: z.uuid(),
  channel: z.enum(['resend', 'mime']).meta({ description: "How it arrived: Resend's webhook or raw MIME from a mail server." }),
  receivedAt: z.iso.datetime({ offset: true }),
  from: z.string().meta({ description: 'The sender address as written; empty when the message named none.' }),
  subject: z.string(),
  intent: z.enum(['accept', 'decline', 'unknown']).meta({ description: "What the reply's own words say, read from its opening." }),
  outcome: z.enum(INBOUND_OUTCOMES).meta({
    description: 'accepted / declined: the quote was decided by this reply; kept: nothing to act on, left for staff; refused: not acted on (see outcomeReason); pending: not acted on yet.',
  }),
  outcomeReason: z.string().nullable(),
  quote: z.object({ id: z.uuid(), number: z.string() }).nullable().meta({ description: 'The quote whose reply address it was sent to, when valid.' }),
  customer: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: 'The customer whose address sent it, when one did.' }),
};

export const inboundMessageWire = z.object(inboundSummaryShape).meta({ id: 'InboundMessage' });

export const inboundMessageDocumentWire = z
  .object({
    ...inboundSummaryShape,
    messageId: z.string().nullable(),
    to: z.string().meta({ description: 'Every recipient (To, Cc, Delivered-To), comma-separated.' }),
    replyText: z.string().meta({ description: "The sender's own words: quoted history and signature removed." }),
    bodyText: z.string().meta({ description: 'The whole text as received (HTML-only mail converted to text).' }),
    attachments: z.array(z.object({ filename: z.string().nullable(), contentType: z.string(), size: z.number().int() })).meta({
      description: 'Described only: attachment contents are not kept.',
    }),
    processedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'InboundMessageDocument' });

export function inboundMessageView(message: InboundMessageSummary): z.input<typeof inboundMessageWire> {
  return {
    id: message.id,
    channel: message.channel,
    receivedAt: message.receivedAt.toISOString(),
    from: message.fromAddress,
    subject: message.subject,
    intent: message.intent,
    outcome: message.outcome,
    outcomeReason: message.outcomeReason,
    quote: message.quote,
    customer: message.customer,
  };
}

export function inboundMessageDocumentView(message: InboundMessageView): z.input<typeof inboundMessageDocumentWire> {
  return {
    ...inboundMessageView(message),
    messageId: message.messageId,
    to: message.toAddresses,
    replyText: message.replyText,
    bodyText: message.bodyText,
    attachments: message.attachments,
    processedAt: message.processedAt?.toISOString() ?? null,
  };
}

export const inboundEndpoints = {
  listInboundMessages: defineEndpoint({
    id: 'listInboundMessages',
    method: 'GET',
    path: '/api/v1/inbound-messages',
    tag: 'Inbound mail',
    summary: 'List received emails (replies to quotes), newest first',
    authenticated: true,
    query: documented(inboundListQuerySchema.extend(pageQuery.shape), { outcome: { description: 'Only messages with this outcome.' } }),
    response: pageOf(inboundMessageWire),
    successStatus: 200,
  }),
  getInboundMessage: defineEndpoint({
    id: 'getInboundMessage',
    method: 'GET',
    path: '/api/v1/inbound-messages/{inboundMessageId}',
    tag: 'Inbound mail',
    summary: 'Get a received email with its reply text, full text and what was done',
    authenticated: true,
    params: z.object({ inboundMessageId: uuidParam('an inbound message') }),
    response: inboundMessageDocumentWire,
    successStatus: 200,
  }),
};
