// Quotes: item lines priced like a one-off invoice, with a validity. Staff (or the API) create one as
// a draft and send it; sending starts the quote's own workflow, which emails it, reminds, expires
// it, and turns it into an invoice when the customer accepts (quote-decisions.ts).
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { IsoDate } from '../../../billing/calendar.js';
import { priceItemLine } from '../../../billing/item-lines.js';
import { add, money, sumMoney, type Money } from '../../../billing/money.js';
import { QUOTE_STATUSES, sendRefusal, type QuoteStatus } from '../../../billing/quotes/quote-lifecycle.js';
import { MAX_VALID_DAYS, validUntilFor, validUntilProblem } from '../../../billing/quotes/quote-timing.js';
import { nextQuoteNumber } from '../../../db/records/document-numbers.js';
import { markQuoteSent } from '../../../db/records/quote-sent.js';
import { customers, emailMessages, items, quoteLines, quotes } from '../../../db/schema.js';
import { handOffWorkflowStart } from '../../../db/records/handoffs.js';
import type { quoteWorkflow } from '../../../workflows/quote.js';
import { quoteWorkflowId } from '../../../workflows/quote-messages.js';
import type { ServiceContext } from '../context.js';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../errors.js';
import { deliverCommittedHandoffs } from '../handoffs/deliver-handoffs.js';
import { TIMESTAMP_KEY, decodeCursor, pageQuerySchema, toPage, type Page } from '../pagination.js';
import { fieldProblems, itemLineSchema, itemLineTerms, required } from '../invoices/item-line-input.js';
import { today } from '../subscriptions/subscriptions.js';

const MAX_LINES = 100;

export const newQuoteSchema = z
  .object({
    customerId: z.uuid(required('must be the id of a customer')),
    lines: z.array(itemLineSchema, required('must be a list of lines')).min(1, 'must have at least one line').max(MAX_LINES, `must have at most ${MAX_LINES} lines`),
    /** The last day the customer can accept the quote, after today. */
    validUntil: z.iso.date('must be a date as YYYY-MM-DD').optional(),
    /** Instead of validUntil: valid for this many days from today. */
    validDays: z.int('must be a whole number of days').min(1, 'must be at least 1').max(MAX_VALID_DAYS, `must be at most ${MAX_VALID_DAYS}`).optional(),
    note: z.string('must be text').trim().max(2000, 'must be at most 2000 characters').nullable().optional(),
  })
  .strict();

export type NewQuoteInput = z.input<typeof newQuoteSchema>;

export const quoteListQuerySchema = pageQuerySchema.extend({
  customerId: z.uuid('must be the id of a customer').optional(),
  status: z.enum(QUOTE_STATUSES).optional(),
});

export interface QuoteLineView {
  position: number;
  itemId: string | null;
  description: string;
  quantity: string;
  unitAmount: Money;
  amount: Money;
  taxRate: string;
  tax: Money;
}

export interface QuoteSummary {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  status: QuoteStatus;
  total: Money;
  validUntil: IsoDate;
  createdAt: Date;
  sentAt: Date | null;
  decidedAt: Date | null;
}

export interface QuoteView {
  id: string;
  number: string;
  customerId: string;
  customer: { id: string; name: string; email: string };
  status: QuoteStatus;
  lines: QuoteLineView[];
  net: Money;
  tax: Money;
  total: Money;
  validUntil: IsoDate;
  note: string | null;
  createdAt: Date;
  sentAt: Date | null;
  decidedAt: Date | null;
  decidedVia: 'portal' | 'email' | 'staff' | 'api' | null;
  invoice: { id: string; number: string } | null;
}

/** Stores a draft quote: lines priced from the catalog (or their overrides), numbered Q-<year>-<n>. */
export async function createQuote(ctx: ServiceContext, input: unknown): Promise<QuoteView> {
  const parsed = newQuoteSchema.safeParse(input);
  const problems = parsed.success ? [] : fieldProblems(parsed.error, 'a quote');
  if (!parsed.success) throw new ValidationError(problems);
  const request = parsed.data;
  const validUntil = validityOf(request, today(), problems);

  const [customer] = await ctx.db.select().from(customers).where(eq(customers.id, request.customerId));
  if (!customer) problems.push({ field: 'customerId', message: 'is not the id of a customer' });
  const terms = await itemLineTerms(ctx, customer, request.lines, problems);
  if (problems.length > 0 || !customer || !validUntil) throw new ValidationError(problems);

  const currency = customer.currency;
  const lines = terms.map((line, index) => {
    const priced = priceItemLine({ quantity: line.quantity, unitAmount: money(line.unitAmountMinor, currency), taxRate: line.taxRate });
    return {
      ...line,
      position: index,
      quantity: priced.quantity,
      amountMinor: priced.net.amountMinor,
      taxMinor: priced.tax.amountMinor,
    };
  });
  const net = sumMoney(lines.map((line) => money(line.amountMinor, currency)), currency);
  const tax = sumMoney(lines.map((line) => money(line.taxMinor, currency)), currency);

  const quoteId = await ctx.db.transaction(async (tx) => {
    const number = await nextQuoteNumber(tx, Number(today().slice(0, 4)));
    const [stored] = await tx
      .insert(quotes)
      .values({
        number,
        customerId: customer.id,
        currency,
        netMinor: net.amountMinor,
        taxMinor: tax.amountMinor,
        totalMinor: add(net, tax).amountMinor,
        validUntil,
        note: request.note || null,
      })
      .returning({ id: quotes.id });
    if (!stored) throw new Error('quote was not stored');
    await tx.insert(quoteLines).values(lines.map((line) => ({ ...line, quoteId: stored.id })));
    return stored.id;
  });
  return getQuote(ctx, quoteId);
}

/** `validUntil` as given, or today + `validDays` (or the default); problems are added for a bad one. */
function validityOf(request: z.infer<typeof newQuoteSchema>, now: IsoDate, problems: FieldProblem[]): IsoDate | null {
  if (request.validUntil !== undefined && request.validDays !== undefined) {
    problems.push({ field: 'validDays', message: 'cannot be given together with validUntil; give one of them' });
    return null;
  }
  if (request.validUntil === undefined) return validUntilFor(now, request.validDays);
  const problem = validUntilProblem(request.validUntil, now);
  if (problem) {
    problems.push({ field: 'validUntil', message: problem });
    return null;
  }
  return request.validUntil;
}

/** One quote with its lines; with `scope`, only if it is that customer's (else NotFoundError, never "forbidden"). */
export async function getQuote(ctx: ServiceContext, quoteId: string, scope?: { customerId: string }): Promise<QuoteView> {
  const [row] = z.uuid().safeParse(quoteId).success
    ? await ctx.db
        .select({ quote: quotes, customer: { id: customers.id, name: customers.name, email: customers.email }, invoiceNumber: invoiceNumberOf })
        .from(quotes)
        .innerJoin(customers, eq(customers.id, quotes.customerId))
        .where(and(eq(quotes.id, quoteId), scope ? eq(quotes.customerId, scope.customerId) : undefined))
    : [];
  if (!row) throw new NotFoundError('quote', quoteId);
  const { quote } = row;
  const lines = await ctx.db.select().from(quoteLines).where(eq(quoteLines.quoteId, quote.id)).orderBy(asc(quoteLines.position));
  const inCurrency = (minor: bigint) => money(minor, quote.currency);
  return {
    id: quote.id,
    number: quote.number,
    customerId: quote.customerId,
    customer: row.customer,
    status: quote.status,
    lines: lines.map((line) => ({
      position: line.position,
      itemId: line.itemId,
      description: line.description,
      quantity: line.quantity,
      unitAmount: inCurrency(line.unitAmountMinor),
      amount: inCurrency(line.amountMinor),
      taxRate: line.taxRate,
      tax: inCurrency(line.taxMinor),
    })),
    net: inCurrency(quote.netMinor),
    tax: inCurrency(quote.taxMinor),
    total: inCurrency(quote.totalMinor),
    validUntil: quote.validUntil,
    note: quote.note,
    createdAt: quote.createdAt,
    sentAt: quote.sentAt,
    decidedAt: quote.decidedAt,
    decidedVia: quote.decidedVia,
    invoice: quote.invoiceId && row.invoiceNumber ? { id: quote.invoiceId, number: row.invoiceNumber } : null,
  };
}

const invoiceNumberOf = sql<string | null>`(select number from invoices where invoices.id = ${quotes.invoiceId})`;

/** Newest quotes first, optionally one customer's, optionally in one status. */
/** The query is checked here (a hand-typed status or cursor is refused naming the field), so it takes any values. */
export async function listQuotes(ctx: ServiceContext, query: Partial<Record<keyof z.input<typeof quoteListQuerySchema>, unknown>>): Promise<Page<QuoteSummary>> {
  const parsed = quoteListQuerySchema.safeParse(query);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error, 'a quote'));
  const { limit, cursor, customerId, status } = parsed.data;
  const after = decodeCursor(cursor, TIMESTAMP_KEY);
  const conditions: (SQL | undefined)[] = [
    after ? sql`(${quotes.createdAt}, ${quotes.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined,
    customerId ? eq(quotes.customerId, customerId) : undefined,
    status ? eq(quotes.status, status) : undefined,
  ];
  const rows = await ctx.db
    .select({ quote: quotes, customerName: customers.name, createdAtKey: sql<string>`${quotes.createdAt}::text` })
    .from(quotes)
    .innerJoin(customers, eq(customers.id, quotes.customerId))
    .where(and(...conditions))
    .orderBy(desc(quotes.createdAt), desc(quotes.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (row) => ({ key: row.createdAtKey, id: row.quote.id }),
    ({ quote, customerName }): QuoteSummary => ({
      id: quote.id,
      number: quote.number,
      customerId: quote.customerId,
      customerName,
      status: quote.status,
      total: money(quote.totalMinor, quote.currency),
      validUntil: quote.validUntil,
      createdAt: quote.createdAt,
      sentAt: quote.sentAt,
      decidedAt: quote.decidedAt,
    }),
  );
}

/**
 * Sends the quote: starts its workflow `quote/<quoteId>`, which emails it and waits for the
 * customer. Sending again while it waits changes nothing (the running workflow is reused, and the
 * email is keyed by the quote). A decided or expired quote, or one whose validity has passed, is refused.
 */
export async function sendQuote(ctx: ServiceContext, quoteId: string): Promise<QuoteView> {
  const quote = await getQuote(ctx, quoteId);
  assertSendable(quote, today());
  const input: Parameters<typeof quoteWorkflow>[0] = { quoteId: quote.id, quoteNumber: quote.number, customerId: quote.customerId, validUntil: quote.validUntil };
  const handoff = await ctx.db.transaction(async (tx) => {
    // The workflow marks it sent too; doing it here as well lets the answer show it at once.
    await markQuoteSent(tx, quote.id);
    // A quote has one life: once its workflow has completed it is decided or expired, never
    // resent. Only a run that was terminated (by staff, in the Temporal UI) or failed is started
    // again, for a quote still sent: its emails are keyed, so none goes out twice. By type name:
    // a bundler may rename a function whose name clashes, and the workflow type is the function's name.
    return handOffWorkflowStart(tx, quote.customerId, { workflowType: 'quoteWorkflow', workflowId: quoteWorkflowId(quote.id), args: [input], reusePolicy: 'failed-only' });
  });
  await deliverCommittedHandoffs(ctx, [handoff]);
  return getQuote(ctx, quote.id);
}

function assertSendable(quote: QuoteView, now: IsoDate): void {
  const refusal = sendRefusal(quote, now);
  if (refusal) throw new ConflictError(refusal);
}

export interface QuoteEmail {
  id: string;
  kind: string;
  subject: string;
  status: string;
  /** When it was sent, or recorded if it has not gone out yet. */
  at: Date;
}

/** The emails of a quote's life (sent, reminder, accepted), oldest first, for its history. */
export async function quoteEmails(ctx: ServiceContext, quoteId: string): Promise<QuoteEmail[]> {
  const rows = await ctx.db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.entityType, 'quote'), eq(emailMessages.entityId, quoteId)))
    .orderBy(asc(emailMessages.createdAt));
  return rows.map((row) => ({ id: row.id, kind: row.kind, subject: row.subject, status: row.status, at: row.sentAt ?? row.createdAt }));
}

/** The items a quote for a customer billed in `currency` may use: active ones in that currency, by name. */
export async function quotableItems(ctx: ServiceContext, currency: string): Promise<(typeof items.$inferSelect)[]> {
  return ctx.db
    .select()
    .from(items)
    .where(and(eq(items.active, true), eq(items.currency, currency)))
    .orderBy(asc(items.name));
}
