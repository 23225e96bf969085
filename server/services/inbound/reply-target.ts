// Who an inbound message is from and which quote it answers, decided only from what we can
// trust: the signed reply address at our inbound domain it was sent to, and whether the sender's address is the
// quote's customer's. Anything else refuses, with a reason for staff and one for the customer.
import { eq, sql } from 'drizzle-orm';
import { customers, quotes } from '../../../db/schema.js';
import { readQuoteReplyAddress, type ReplyAddressSettings } from '../../../emails/reply-address.js';
import type { ServiceContext } from '../context.js';

export interface KnownCustomer {
  id: string;
  name: string;
  email: string;
}

export interface QuoteAnswered {
  id: string;
  number: string;
  customerId: string;
}

export type ReplyTarget =
  | { ok: true; quote: QuoteAnswered; customer: KnownCustomer }
  | {
      ok: false;
      /** For staff: what was wrong, precisely. */
      reason: string;
      /** For the customer, when the sender is one: a sentence that gives nothing away to a forger. */
      customerReason: string;
      quote: QuoteAnswered | null;
      /** The customer whose address sent the message, if any: only they are ever answered. */
      sender: KnownCustomer | null;
    };

export async function findReplyTarget(
  ctx: ServiceContext,
  message: { from: string | null; recipients: readonly string[] },
  replyAddresses: ReplyAddressSettings,
): Promise<ReplyTarget> {
  const sender = message.from ? await customerByEmail(ctx, message.from) : null;
  const reading = quoteFromRecipients(message.recipients, replyAddresses);
  if (!reading.ok) {
    return { ok: false, reason: reading.reason, customerReason: 'it was not sent to the reply address of one of your quotes.', quote: null, sender };
  }
  const [quote] = await ctx.db
    .select({ id: quotes.id, number: quotes.number, customerId: quotes.customerId, customerEmail: customers.email })
    .from(quotes)
    .innerJoin(customers, eq(customers.id, quotes.customerId))
    .where(eq(quotes.id, reading.quoteId));
  if (!quote) {
    return { ok: false, reason: `the reply address names quote ${reading.quoteId}, which does not exist`, customerReason: 'we could not find the quote it answers.', quote: null, sender };
  }
  const answered = { id: quote.id, number: quote.number, customerId: quote.customerId };
  if (!message.from || !sameAddress(message.from, quote.customerEmail)) {
    return {
      ok: false,
      reason: `the sender ${message.from ?? '(none)'} is not the address of quote ${quote.number}'s customer`,
      customerReason: 'it was not sent from the email address the quote was sent to.',
      quote: answered,
      sender,
    };
  }
  // The sender is the quote's customer; prefer that record when several customers share the address.
  const customer = sender?.id === quote.customerId ? sender : await customerById(ctx, quote.customerId);
  return { ok: true, quote: answered, customer };
}

/** The first recipient that is a valid reply address wins; otherwise the most telling refusal. */
function quoteFromRecipients(recipients: readonly string[], settings: ReplyAddressSettings): { ok: true; quoteId: string } | { ok: false; reason: string } {
  let refusal: string | null = null;
  for (const address of recipients) {
    const reading = readQuoteReplyAddress(address, settings);
    if (reading.ok) return reading;
    // "Not a reply address" is what every other recipient says; a reply address gone wrong says more.
    if (refusal === null || address.toLowerCase().startsWith('reply+')) refusal = `${reading.reason} (${address})`;
  }
  return { ok: false, reason: refusal ?? 'the message has no recipient address' };
}

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

async function customerByEmail(ctx: ServiceContext, address: string): Promise<KnownCustomer | null> {
  const [row] = await ctx.db
    .select({ id: customers.id, name: customers.name, email: customers.email })
    .from(customers)
    .where(sql`lower(${customers.email}) = ${address.trim().toLowerCase()}`)
    .orderBy(customers.createdAt)
    .limit(1);
  return row ?? null;
}

async function customerById(ctx: ServiceContext, id: string): Promise<KnownCustomer> {
  const [row] = await ctx.db.select({ id: customers.id, name: customers.name, email: customers.email }).from(customers).where(eq(customers.id, id));
  if (!row) throw new Error(`customer ${id} of a quote does not exist`);
  return row;
}
