// Every email customers send us, kept whatever it says: what it was, what we read in it, and
// what we did about it, so staff can see and answer anything the system did not act on.
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns.js';
import { customers } from './core.js';
import { quotes } from './documents.js';

export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: id(),
    /** How it arrived: Resend's `email.received` webhook, or raw MIME posted by a mail server. */
    channel: text('channel', { enum: ['resend', 'mime'] }).notNull(),
    /**
     * What makes a delivery the same message: the Message-ID header with a digest of the sender
     * (so a stranger reusing a real reply's Message-ID cannot suppress it), or the provider's id
     * when a message has none. A second delivery finds the first and acts no more.
     */
    dedupeKey: text('dedupe_key').notNull().unique(),
    providerId: text('provider_id'),
    messageId: text('message_id'),
    fromAddress: text('from_address').notNull(),
    toAddresses: text('to_addresses').notNull(),
    subject: text('subject').notNull(),
    /** The customer's own words: quoted history and signature removed. */
    replyText: text('reply_text').notNull(),
    /** The whole text as received (HTML-only mail converted to text), for staff. */
    bodyText: text('body_text').notNull(),
    /** Names, types and sizes of attachments; their contents are not kept. */
    attachments: jsonb('attachments').notNull().default(sql`'[]'::jsonb`),
    intent: text('intent', { enum: ['accept', 'decline', 'unknown'] }).notNull(),
    quoteId: uuid('quote_id').references(() => quotes.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /**
     * pending: stored, not yet acted on; accepted / declined: the quote was decided;
     * kept: nothing to act on, left for staff; refused: not acted on, `outcomeReason` says why.
     */
    outcome: text('outcome', { enum: ['pending', 'accepted', 'declined', 'kept', 'refused'] }).notNull().default('pending'),
    outcomeReason: text('outcome_reason'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    check('inbound_messages_channel_known', sql`${t.channel} in ('resend', 'mime')`),
    check('inbound_messages_intent_known', sql`${t.intent} in ('accept', 'decline', 'unknown')`),
    check('inbound_messages_outcome_known', sql`${t.outcome} in ('pending', 'accepted', 'declined', 'kept', 'refused')`),
    index('inbound_messages_received').on(t.receivedAt, t.id),
  ],
);
